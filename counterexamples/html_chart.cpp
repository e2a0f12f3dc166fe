// The sequence chart as one HTML page: the SVG inline, then a table of the
// steps with what each changed, then the verdict.
#include <fmt/format.h>

#include "counterexamples/sequence_chart.hpp"
#include "counterexamples/xml_text.hpp"

namespace lgr {

std::string render_html(const SequenceChart& chart) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n"
      "<style>\n"
      "body {{ font-family: 'DejaVu Sans', Arial, sans-serif; margin: 16px; color: #222; }}\n"
      "h1 {{ font-size: 20px; margin: 0 0 4px 0; }}\n"
      ".subtitle {{ color: #555; margin-bottom: 12px; }}\n"
      ".chart {{ overflow-x: auto; border: 1px solid #ddd; }}\n"
      ".chart svg {{ display: block; max-width: 100%; height: auto; }}\n"
      "tr.cycle td {{ background: #fff4e5; }}\n"
      "td.mark {{ color: #c0392b; font-weight: bold; white-space: nowrap; }}\n"
      "table {{ border-collapse: collapse; margin-top: 12px; font-size: 13px; }}\n"
      "th, td {{ border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }}\n"
      "th {{ background: #eef2f7; }}\n"
      "td.label {{ font-family: 'DejaVu Sans Mono', monospace; white-space: nowrap; }}\n"
      "ul.changes {{ margin: 0; padding-left: 16px; }}\n"
      ".bad {{ color: #c0392b; font-weight: bold; }}\n"
      ".good {{ color: #2e7d32; font-weight: bold; }}\n"
      "</style>\n</head>\n<body>\n<h1>{}</h1>\n<div class=\"subtitle\">{}</div>\n<div class=\"chart\">\n",
      xml_escaped(chart.title), xml_escaped(chart.title), xml_escaped(chart.subtitle));
  out += render_svg_element(chart);
  out += "</div>\n<h2>Verdict</h2>\n<ul>\n";
  for (const auto& line : chart.verdict)
    out += fmt::format("<li class=\"{}\">{}</li>\n", line.bad ? "bad" : "good", xml_escaped(line.text));
  out += "</ul>\n<h2>Final state</h2>\n<ul class=\"final-state\">\n";
  for (const auto& line : chart.final_state) out += "<li>" + xml_escaped(line) + "</li>\n";
  out += "</ul>\n";
  for (const auto& w : chart.witnesses) {
    out += fmt::format("<h3 class=\"bad\">Witness of {}</h3>\n<ul class=\"witness\">\n", xml_escaped(w.property));
    for (const auto& line : w.lines) out += "<li>" + xml_escaped(line) + "</li>\n";
    out += "</ul>\n";
  }
  out += "<h2>Steps</h2>\n<table>\n<tr><th>step</th><th>cycle</th><th>action</th><th>what changed</th></tr>\n";
  const int rows = static_cast<int>(chart.rows.size());
  for (int r = 0; r < rows; ++r) {
    // A lasso's cycle: its steps marked, the last one pointing back to the first.
    const bool in_cycle = chart.cycle_first_row >= 0 && r >= chart.cycle_first_row;
    const std::string mark = !in_cycle                    ? ""
                             : r == chart.cycle_first_row ? std::string("cycle starts")
                             : r == rows - 1              ? fmt::format("back to step {}", chart.cycle_first_row)
                                                          : std::string("cycle");
    out += fmt::format("<tr{}><td>{}</td><td class=\"mark\">{}</td><td class=\"label\">{}</td><td><ul class=\"changes\">",
                       in_cycle ? " class=\"cycle\"" : "", r, mark, xml_escaped(chart.rows[r].label));
    for (const auto& c : chart.rows[r].changes) out += "<li>" + xml_escaped(c) + "</li>";
    out += "</ul></td></tr>\n";
  }
  if (chart.cycle_first_row == rows)
    out += fmt::format("<tr class=\"cycle\"><td></td><td class=\"mark\">stays forever</td><td colspan=\"2\">no fair "
                       "action is enabled after step {}: the path stays in this state forever</td></tr>\n",
                       rows - 1);
  out += "</table>\n</body>\n</html>\n";
  return out;
}

}  // namespace lgr
