// Pictures of traces: the SVG is well-formed XML and shows every step, the
// HTML embeds it with a step table, the text chart lists every step, and the
// marks for lost messages, faults, timeouts, quiesce and the verdict appear.
#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <sstream>

#include "counterexamples/sequence_chart.hpp"
#include "tests/counterexamples/counterexamples_support.hpp"

using namespace lgr;
using lgr::testing::run_lgrcheck;
using lgr::testing::scenario;

namespace {

struct Rendered {
  ReplayInput in;
  ReplayResult replay;
  SequenceChart chart;
};

Rendered render(const std::string& trace_name) {
  ReplayInput in = load_replay_input(scenario(trace_name));
  ReplayResult r = replay(in.model, in.trace);
  SequenceChart c = build_sequence_chart(in.model, in.trace, r);
  return {std::move(in), std::move(r), std::move(c)};
}

// Every <text> element's content, in document order.
void collect_texts(const boost::property_tree::ptree& node, std::vector<std::string>& out) {
  for (const auto& [name, child] : node) {
    if (name == "text") out.push_back(child.get_value<std::string>());
    collect_texts(child, out);
  }
}

std::vector<std::string> svg_texts(const std::string& svg) {
  std::istringstream in(svg);
  boost::property_tree::ptree tree;
  boost::property_tree::read_xml(in, tree);  // throws on XML that is not well-formed
  std::vector<std::string> texts;
  collect_texts(tree, texts);
  return texts;
}

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("counterexamples: every scenario renders as well-formed SVG naming every step", "[counterexamples]") {
  for (const auto& e : std::filesystem::directory_iterator(scenario(""))) {
    if (e.path().extension() != ".trace") continue;
    const std::string name = e.path().filename().string();
    INFO(name);
    const Rendered r = render(name);
    std::vector<std::string> texts;
    REQUIRE_NOTHROW(texts = svg_texts(render_svg(r.chart)));
    REQUIRE(r.in.trace.steps.size() == r.replay.steps);
    for (size_t i = 0; i < r.in.trace.steps.size(); ++i)
      CHECK(contains(texts, fmt::format("{}  {}", i + 1, r.in.trace.steps[i].label)));
    CHECK(contains(texts, r.replay.expect_message));
  }
}

TEST_CASE("counterexamples: the SVG marks lost messages and faults and the violated property", "[counterexamples]") {
  const auto link = svg_texts(render_svg(render("link-failure-after-commit.trace").chart));
  CHECK(contains(link, "RESUME lost"));
  CHECK(contains(link, "link fails"));
  CHECK(contains(link, "commit"));
  CHECK(contains(link, "LGRLIN21: GDLLCPX1"));  // the ownership record after the commit
  CHECK(contains(link, "finds GDLLCPX2 down"));

  const auto dst = svg_texts(render_svg(render("destination-fails-during-memory-move.trace").chart));
  CHECK(std::count(dst.begin(), dst.end(), "MEM lost") == 2);
  CHECK(contains(dst, "GDLLCPX1 fails"));

  const auto timeout = render("quiesce-timeout.trace");
  CHECK(contains(svg_texts(render_svg(timeout.chart)), "timeout: MAXQUIESCE"));
  REQUIRE(timeout.chart.bands.size() == 1);  // quiesced from step 4 until the timeout in step 6
  CHECK(timeout.chart.bands[0].from_row == 4);
  CHECK(timeout.chart.bands[0].to_row == 5);

  const auto er = render("early-resume-double-run.trace");
  const auto texts = svg_texts(render_svg(er.chart));
  CHECK(contains(texts, "violated: SingleInstance (at most one member runs (or holds quiesced) each guest)"));
  CHECK(contains(texts, "ACK_STATE (in flight)"));
  CHECK(contains(texts, "SHADOW -> RUNNING"));
  std::vector<std::string> lanes;
  for (const auto& l : er.chart.lanes) lanes.push_back(l.title);
  CHECK(lanes == std::vector<std::string>{"operator", "GDLLCPX1 CP", "GDLLCPX2 CP", "ownership record"});
}

TEST_CASE("counterexamples: the HTML page embeds the SVG and a table of the steps", "[counterexamples]") {
  const Rendered r = render("cancel-too-late.trace");
  const std::string html = render_html(r.chart);
  CHECK(html.rfind("<!DOCTYPE html>\n", 0) == 0);
  const size_t svg = html.find("<svg ");
  REQUIRE(svg != std::string::npos);
  const size_t svg_end = html.find("</svg>\n", svg);
  REQUIRE(svg_end != std::string::npos);
  CHECK_NOTHROW(svg_texts(html.substr(svg, svg_end + 7 - svg)));
  for (const auto& s : r.in.trace.steps) CHECK(html.find("<td class=\"label\">" + s.label + "</td>") != std::string::npos);
  CHECK(html.find("<li>message CANCEL_REQ received by GDLLCPX2 and dropped (relocation state NONE)</li>") !=
        std::string::npos);
}

TEST_CASE("counterexamples: the text chart lists every step with its changes", "[counterexamples]") {
  const Rendered r = render("destination-fails-during-memory-move.trace");
  const std::string text = render_text(r.chart);
  for (size_t i = 0; i < r.in.trace.steps.size(); ++i)
    CHECK(text.find(fmt::format("{:>3} {}\n", i + 1, r.in.trace.steps[i].label)) != std::string::npos);
  CHECK(text.find("|          x----------|                     |   message MEM lost GDLLCPX2 -> GDLLCPX1 "
                  "(GDLLCPX1 failed)\n") != std::string::npos);
  CHECK(text.find("|<--------MEM---------|                     |   MEM sent, lost in step 6\n") != std::string::npos);
  CHECK(text.find("               |                     :                     *                     |   the relocation "
                  "episode of LGRLIN21 ends\n") != std::string::npos);  // ':' the failed member's lane
  CHECK(text.substr(text.size() - 57) == "expect ok: met (every invariant holds in the last state)\n");
}

TEST_CASE("counterexamples: lgrcheck render writes the chart and exits by the replay verdict", "[counterexamples]") {
  lgr::testing::TempDir dir("lgrcheck-render");
  auto o = run_lgrcheck("render '" + scenario("seed-roundtrip.trace") + "' --format svg -o '" + dir.file("s.svg") + "'");
  CHECK(o.status == 0);
  CHECK(o.out.empty());
  CHECK(o.err.empty());
  CHECK(svg_texts(lgr::testing::read_file(dir.file("s.svg"))).size() > 21);

  o = run_lgrcheck("render '" + scenario("seed-roundtrip.trace") + "' --format text");
  CHECK(o.status == 0);
  CHECK(o.out.rfind("seed-roundtrip.trace: 21 steps\nconfig seed-roundtrip, guest LGRLIN21\n", 0) == 0);

  const std::string config = std::string(LGRCHECK_SOURCE_DIR) + "/examples/ssi2-basic.json";
  const std::string diverging = dir.write("d.trace", "lgr-trace 1\nconfig " + config + "\nstep SrcQuiesce LGRLIN21\n");
  o = run_lgrcheck("render '" + diverging + "' --format html -o '" + dir.file("d.html") + "'");
  CHECK(o.status == 1);
  CHECK(lgr::testing::read_file(dir.file("d.html")).find("replay diverged: step 1: SrcQuiesce LGRLIN21 is not enabled") !=
        std::string::npos);

  const std::string bad = dir.write("bad.trace", "lgr-trace 1\nexpect violation\n");
  o = run_lgrcheck("render '" + bad + "'");
  CHECK(o.status == 2);
  CHECK(o.err == "lgrcheck: error: " + bad + ":2: 'expect' needs 'ok' or 'violation PROPERTY', got 'violation'\n");

  o = run_lgrcheck("render '" + bad + "' --format pdf");
  CHECK(o.status == 2);
}
