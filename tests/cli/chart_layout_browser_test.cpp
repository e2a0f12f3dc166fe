// Every chart lgrcheck draws for the examples (each scenario, and each
// variant's counterexamples on ssi2-basic and ssi3-contention, as SVG and as
// HTML), laid out by a real browser: headless Chromium measures every text
// element (tests/cli/chart_layout_check.js) and no two may intersect, none
// may lie under another box or outside its own, none may be clipped, and no
// chart may be wider than 1400 px. Without chromium it says SKIPPED
// (scripts/setup installs it).
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>

#include "counterexamples/counterexample_files.hpp"
#include "counterexamples/sequence_chart.hpp"
#include "counterexamples/xml_text.hpp"
#include "tests/counterexamples/counterexamples_support.hpp"
#include "tests/support/test_support.hpp"

using namespace lgr;
namespace fs = std::filesystem;

namespace {

bool chromium_available() {
  if (std::system("command -v chromium >/dev/null 2>&1") == 0) return true;
  WARN("SKIPPED: chromium is not installed, so no chart was laid out in a browser (scripts/setup installs it)");
  return false;
}

// Renders `trace` as NAME.svg and NAME.html into `dir`; returns both names.
std::vector<std::string> render_both(const std::string& trace, const std::string& name, const fs::path& dir) {
  const ReplayInput in = load_replay_input(trace);
  const SequenceChart chart = build_sequence_chart(in.model, in.trace, replay(in.model, in.trace));
  std::ofstream(dir / (name + ".svg")) << render_svg(chart);
  std::ofstream(dir / (name + ".html")) << render_html(chart);
  return {name + ".svg", name + ".html"};
}

std::vector<std::string> render_examples(const fs::path& dir) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(std::string(LGRCHECK_SOURCE_DIR) + "/examples/scenarios"))
    if (e.path().extension() == ".trace")
      for (auto& f : render_both(e.path().string(), e.path().stem().string(), dir)) files.push_back(f);
  for (const char* config : {"ssi2-basic.json", "ssi3-contention.json"})
    for (const auto& info : all_variants()) {
      const LgrModel m = lgr::testing::model_of(config, {info.name});
      CheckSettings s;
      s.liveness = true;
      const CheckReport report = run_check(m, s);
      for (const auto& p : report.properties) {
        if (p.holds) continue;
        const std::string name = fmt::format("{}.{}.{}", fs::path(config).stem().string(), info.name,
                                             property_info(p.id).name);
        const auto written = write_counterexample(m, p.trace, property_info(p.id).name, (dir / "traces").string(),
                                                  p.loop_start);
        for (auto& f : render_both(written[0], name, dir)) files.push_back(f);
      }
    }
  return files;
}

std::string unescaped(std::string s) {
  for (auto [from, to] : {std::pair{"&quot;", "\""}, {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}})
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) s.replace(at, std::string(from).size(), to);
  return s;
}

}  // namespace

TEST_CASE("charts: no text overlaps or is clipped when Chromium lays out every example", "[cli][render][browser]") {
  if (!chromium_available()) return;
  lgr::testing::TempDir dir("lgrcheck-charts");
  const std::vector<std::string> files = render_examples(dir.path());
  REQUIRE(files.size() >= 60);
  std::string page = "<!DOCTYPE html>\n<html><body>\n";
  for (const auto& f : files)
    page += fmt::format("<iframe data-name=\"{}\" src=\"{}\" width=\"1400\" height=\"900\"></iframe>\n", xml_escaped(f),
                        xml_escaped(f));
  page += "<pre id=\"result\">not run</pre>\n<script>\n" +
          lgr::testing::read_file(std::string(LGRCHECK_SOURCE_DIR) + "/tests/cli/chart_layout_check.js") +
          "</script>\n</body></html>\n";
  dir.write("driver.html", page);
  const std::string cmd = fmt::format(
      "timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
      "--allow-file-access-from-files --user-data-dir='{}' --virtual-time-budget=60000 --dump-dom 'file://{}' "
      ">'{}' 2>/dev/null",
      dir.file("profile"), dir.file("driver.html"), dir.file("dom.html"));
  REQUIRE(std::system(cmd.c_str()) == 0);
  const std::string dom = lgr::testing::read_file(dir.file("dom.html"));
  const auto start = dom.find("<pre id=\"result\">"), end = dom.find("</pre>", start);
  REQUIRE(start != std::string::npos);
  const std::string result = unescaped(dom.substr(start + 17, end - start - 17));
  const std::string done = fmt::format("checked {} charts", files.size());
  INFO(result);
  CHECK(result == done);
}
