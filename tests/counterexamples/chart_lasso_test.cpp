// A lasso is drawn as a cycle: a bracket with a back-arrow over the cycle's
// rows, its steps marked in the HTML step table, and the liveness verdict in
// red; a chart of several guests gives each guest's messages its colour;
// every chart ends with the final state and the witness.
#include <catch2/catch.hpp>

#include "counterexamples/counterexample_files.hpp"
#include "counterexamples/sequence_chart.hpp"
#include "tests/counterexamples/counterexamples_support.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;

namespace {

struct Drawn {
  SequenceChart chart;
  std::string svg, html;
};

Drawn lasso_chart(const std::string& config, const std::string& variant, PropertyId id) {
  lgr::testing::TempDir dir("lgrcheck-lasso");
  const LgrModel m = lgr::testing::model_of(config, {variant});
  CheckSettings s;
  s.liveness = true;
  const CheckReport r = run_check(m, s);
  const PropertyOutcome* p = r.find(id);
  REQUIRE(p != nullptr);
  REQUIRE_FALSE(p->holds);
  const auto files = write_counterexample(m, p->trace, property_info(id).name, dir.file("t"), p->loop_start);
  const ReplayInput in = load_replay_input(files[0]);
  Drawn d{build_sequence_chart(in.model, in.trace, replay(in.model, in.trace)), "", ""};
  d.svg = render_svg(d.chart);
  d.html = render_html(d.chart);
  return d;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("charts: a lasso's cycle is bracketed, marked in the table, and its verdict is red", "[counterexamples][chart]") {
  const Drawn d = lasso_chart("ssi3-contention.json", "retry-refused", PropertyId::Termination);
  CHECK(d.chart.cycle_first_row == 11);
  CHECK(has(d.svg, "<g class=\"cycle\"><title>steps 11 to 12 repeat forever</title>"));
  CHECK(has(d.svg, "marker-end=\"url(#arrow-c0392b)\""));
  CHECK(has(d.svg, "fill=\"#c0392b\">violated: Termination (under weak fairness every relocation ends"));
  CHECK(has(d.html, "<tr class=\"cycle\"><td>11</td><td class=\"mark\">cycle starts</td>"));
  CHECK(has(d.html, "<tr class=\"cycle\"><td>12</td><td class=\"mark\">back to step 11</td>"));
  CHECK(has(d.html, "<tr><td>10</td><td class=\"mark\"></td>"));
  CHECK(has(d.html, "<li class=\"bad\">violated: Termination"));
  CHECK(has(d.html, "<h3 class=\"bad\">Witness of Termination</h3>"));
}

TEST_CASE("charts: a stuck lasso loops on its last row and never calls itself fair", "[counterexamples][chart]") {
  const Drawn d = lasso_chart("ssi2-basic.json", "src-ignores-dst-failure", PropertyId::Termination);
  CHECK(d.chart.cycle_first_row == 3);  // one past the last row: the path stays in row 2
  CHECK(has(d.svg, "<title>no fair action is enabled after step 2: the path stays here forever</title>"));
  CHECK(has(d.svg, "lasso: after step 2 no fair action is enabled; the path stays there forever"));
  CHECK_FALSE(has(d.svg, "is fair"));
  CHECK(has(d.html, "<td class=\"mark\">stays forever</td>"));
}

TEST_CASE("charts: each guest's messages have their own colour", "[counterexamples][chart]") {
  const Drawn d = lasso_chart("ssi3-contention.json", "retry-refused", PropertyId::Termination);
  CHECK(d.chart.guest_count == 2);
  // LINUX01 (guest 0) and LINUX02 (guest 1) arrows, each in its colour.
  CHECK(has(d.svg, std::string("stroke=\"") + guest_colour(0) + "\" stroke-width=\"1.3\""));
  CHECK(has(d.svg, std::string("stroke=\"") + guest_colour(1) + "\" stroke-width=\"1.3\""));
  CHECK(std::string(guest_colour(0)) != guest_colour(1));
}

TEST_CASE("charts: the final-state panel says where each guest is and why the property fails", "[counterexamples][chart]") {
  const ReplayInput in = load_replay_input(lgr::testing::scenario("early-resume-double-run.trace"));
  const SequenceChart chart = build_sequence_chart(in.model, in.trace, replay(in.model, in.trace));
  CHECK(chart.final_state ==
        std::vector<std::string>{"LGRLIN21: RUNNING on GDLLCPX1 and QUIESCED on GDLLCPX2; the ownership record names "
                                 "GDLLCPX2; relocation GDLLCPX2 -> GDLLCPX1 in STATE_SENT"});
  const std::string svg = render_svg(chart);
  CHECK(has(svg, "<g class=\"final-state\">"));
  CHECK(has(svg, "font-weight=\"bold\" fill=\"#c0392b\">witness of SingleInstance</text>"));
  CHECK(has(render_text(chart), "witness of OwnerRuns:\n    LGRLIN21 RUNNING on GDLLCPX1, but the ownership record"));
}

TEST_CASE("charts: a chart wider than 1400 px is scaled to fit, its drawing kept whole", "[counterexamples][chart]") {
  const Drawn d = lasso_chart("ssi3-contention.json", "retry-refused", PropertyId::Termination);
  // Five lanes and the cycle column: the natural width is over the limit.
  const auto at = d.svg.find("<svg ");
  const std::string head = d.svg.substr(at, d.svg.find('>', at) - at);
  CHECK(has(head, "width=\"1360\""));
  CHECK_FALSE(has(head, "viewBox=\"0 0 1360 "));
}
