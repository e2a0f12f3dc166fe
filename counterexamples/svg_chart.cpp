// The sequence chart as SVG, written as plain text: lanes are vertical
// lines, each row a band of slots (horizontal arrows first, then the boxes
// of each lane stacked), messages run from the bottom of the row that sent
// them to the top of the row that received them.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "counterexamples/sequence_chart.hpp"
#include "counterexamples/xml_text.hpp"

namespace lgr {
namespace {

constexpr int kLabelWidth = 250;
constexpr int kLaneWidth = 230;
constexpr int kHeaderTop = 64;
constexpr int kRowsTop = 110;
constexpr int kSlot = 22;
constexpr int kRowPad = 6;
constexpr double kCharWidth = 6.3;  // 11px sans-serif, on average
constexpr double kPanelCharWidth = 7.6;  // 12px DejaVu Sans, generously
constexpr int kPanelLine = 16;

struct BoxColors {
  const char* fill;
  const char* stroke;
};

BoxColors colors(BoxStyle s) {
  switch (s) {
    case BoxStyle::State: return {"#e8f1fb", "#4a7bb7"};
    case BoxStyle::Relocation: return {"#f3f3f3", "#888888"};
    case BoxStyle::Guest: return {"#eef8e8", "#5a9a3a"};
    case BoxStyle::Timer: return {"#fff8e1", "#c9a227"};
    case BoxStyle::Fault: return {"#fde2e1", "#c0392b"};
    case BoxStyle::Timeout: return {"#ffe6cc", "#d35400"};
    case BoxStyle::Ghost: return {"#f8d7da", "#8b0000"};
  }
  return {"#ffffff", "#000000"};
}

bool horizontal(ArrowStyle s) {
  return s == ArrowStyle::Command || s == ArrowStyle::Dropped || s == ArrowStyle::Record;
}

class SvgWriter {
 public:
  explicit SvgWriter(const SequenceChart& c) : c_(c) {
    layout();
    panel_layout();
  }

  std::string element() {
    const int width = chart_width();
    const int height = panel_top_ + kPanelLine * static_cast<int>(panel_.size()) + 16;
    out_ += fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
        "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\">\n",
        width, height, width, height);
    defs();
    out_ += fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", width, height);
    out_ += fmt::format("<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{}</text>\n", xml_escaped(c_.title));
    out_ += fmt::format("<text x=\"10\" y=\"44\" font-size=\"12\" fill=\"#555555\">{}</text>\n", xml_escaped(c_.subtitle));
    rows();
    bands();
    lanes();
    link_faults();
    arrows();
    boxes();
    footer();
    panel();
    out_ += "</svg>\n";
    return std::move(out_);
  }

 private:
  int lane_x(int lane) const { return kLabelWidth + lane * kLaneWidth + kLaneWidth / 2; }
  int row_bottom(int row) const { return row_top_[row] + row_height_[row]; }
  int slot_y(int row, int slot) const { return row_top_[row] + kRowPad + slot * kSlot + kSlot / 2; }
  int rows_end() const { return row_top_.back(); }  // the extra entry past the last row
  int chart_width() const { return kLabelWidth + static_cast<int>(c_.lanes.size()) * kLaneWidth + 20; }

  // The final-state panel under the verdict: headings and lines wrapped to
  // the chart's width, so no sentence runs off the picture.
  struct PanelLine {
    std::string text;
    bool heading = false;
    bool bad = false;
  };
  void panel_layout() {
    panel_top_ = footer_top_ + 18 * static_cast<int>(c_.verdict.size()) + 16;
    const std::size_t chars = static_cast<std::size_t>((chart_width() - 40) / kPanelCharWidth);
    auto add = [&](const std::string& text) {
      for (std::string& part : wrapped(text, chars)) panel_.push_back({std::move(part)});
    };
    if (!c_.final_state.empty()) panel_.push_back({"final state", true});
    for (const auto& line : c_.final_state) add(line);
    for (const auto& w : c_.witnesses) {
      panel_.push_back({"witness of " + w.property, true, true});
      for (const auto& line : w.lines) add(line);
    }
  }
  static std::vector<std::string> wrapped(const std::string& text, std::size_t chars) {
    std::vector<std::string> out;
    std::string line;
    std::size_t from = 0;
    while (from < text.size()) {
      std::size_t to = text.find(' ', from);
      if (to == std::string::npos) to = text.size();
      const std::string word = text.substr(from, to - from);
      if (!line.empty() && line.size() + 1 + word.size() > chars) {
        out.push_back(line);
        line.clear();
      }
      line += (line.empty() ? "" : " ") + word;
      from = to + 1;
    }
    if (!line.empty()) out.push_back(line);
    return out;
  }
  void panel() {
    if (panel_.empty()) return;
    int y = panel_top_;
    out_ += fmt::format("<g class=\"final-state\"><rect x=\"6\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fafafa\" "
                        "stroke=\"#cccccc\"/>\n",
                        y - 14, chart_width() - 12, kPanelLine * static_cast<int>(panel_.size()) + 8);
    for (const auto& line : panel_) {
      out_ += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\"{}{}>{}</text>\n", line.heading ? 12 : 24, y,
                          line.heading ? " font-weight=\"bold\"" : "", line.bad ? " fill=\"#c0392b\"" : "",
                          xml_escaped(line.text));
      y += kPanelLine;
    }
    out_ += "</g>\n";
  }

  // Each row gets one slot per horizontal arrow or link fault, then as many
  // as the most boxes one lane has in it.
  void layout() {
    const int n = static_cast<int>(c_.rows.size());
    std::vector<int> horizontals(n, 0);
    std::vector<std::map<int, int>> per_lane(n);
    for (const auto& a : c_.arrows)
      if (horizontal(a.style) && a.from_row < n) slot_of_arrow_.push_back(horizontals[a.from_row]++);
      else slot_of_arrow_.push_back(-1);
    for (const auto& f : c_.link_faults) slot_of_fault_.push_back(horizontals[f.row]++);
    for (const auto& b : c_.boxes) slot_of_box_.push_back(per_lane[b.row][b.lane]++);
    int y = kRowsTop;
    for (int r = 0; r < n; ++r) {
      int most = 0;
      for (const auto& [lane, count] : per_lane[r]) most = std::max(most, count);
      first_box_slot_.push_back(horizontals[r]);
      const int slots = std::max(1, horizontals[r] + most);
      row_top_.push_back(y);
      row_height_.push_back(2 * kRowPad + slots * kSlot);
      y += row_height_.back();
    }
    row_top_.push_back(y);
    const bool in_flight = std::any_of(c_.arrows.begin(), c_.arrows.end(),
                                       [](const ChartArrow& a) { return a.style == ArrowStyle::InFlight; });
    footer_top_ = y + (in_flight ? 44 : 24);
  }

  void defs() {
    out_ += "<defs>\n";
    for (auto [id, color] : {std::pair{"arrow", "#1f4e79"}, {"arrow-msg", "#333333"}, {"arrow-grey", "#999999"},
                             {"arrow-record", "#6a3d9a"}}) {
      out_ += fmt::format(
          "<marker id=\"{}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" "
          "orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"{}\"/></marker>\n",
          id, color);
    }
    out_ += "</defs>\n";
  }

  void rows() {
    for (size_t r = 0; r < c_.rows.size(); ++r) {
      const int top = row_top_[r];
      if (r % 2 == 1)
        out_ += fmt::format("<rect x=\"0\" y=\"{}\" width=\"100%\" height=\"{}\" fill=\"#f7f9fc\"/>\n", top, row_height_[r]);
      const std::string label = r == 0 ? c_.rows[r].label : fmt::format("{}  {}", r, c_.rows[r].label);
      out_ += fmt::format("<text x=\"10\" y=\"{}\" font-weight=\"{}\">{}</text>\n", top + kRowPad + 14,
                          r == 0 ? "normal" : "bold", xml_escaped(label));
    }
  }

  void bands() {
    for (const auto& b : c_.bands) {
      const int top = row_top_[b.from_row], bottom = row_bottom(b.to_row);
      out_ += fmt::format(
          "<g class=\"quiesce\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"18\" height=\"{}\" fill=\"#6baed6\" "
          "fill-opacity=\"0.45\" stroke=\"#3182bd\"/><text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#08519c\" "
          "transform=\"rotate(90 {} {})\">quiesced</text></g>\n",
          xml_escaped(b.label), lane_x(b.lane) - 9, top, bottom - top, lane_x(b.lane) + 4, top + 4,
          lane_x(b.lane) + 4, top + 4);
    }
  }

  void lanes() {
    const int bottom = rows_end() + 10;
    for (size_t i = 0; i < c_.lanes.size(); ++i) {
      const ChartLane& l = c_.lanes[i];
      const int x = lane_x(static_cast<int>(i));
      const int w = static_cast<int>(l.title.size() * kCharWidth * 1.1) + 20;
      const char* fill = l.kind == LaneKind::Operator ? "#fdf2d0" : l.kind == LaneKind::Ownership ? "#e9dcf5" : "#dceaf7";
      out_ += fmt::format(
          "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"28\" rx=\"4\" fill=\"{}\" stroke=\"#444444\"/>"
          "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\">{}</text>\n",
          x - w / 2, kHeaderTop, w, fill, x, kHeaderTop + 18, xml_escaped(l.title));
      const int failed = l.failed_at_row >= 0 ? row_top_[l.failed_at_row] + kRowPad + kSlot : bottom;
      out_ += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#444444\" stroke-width=\"1.5\"/>\n", x,
                          kHeaderTop + 28, x, failed);
      if (l.failed_at_row >= 0)
        out_ += fmt::format(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c0392b\" stroke-width=\"1.5\" "
            "stroke-dasharray=\"3 4\"/>\n",
            x, failed, x, bottom);
    }
  }

  void link_faults() {
    for (size_t i = 0; i < c_.link_faults.size(); ++i) {
      const ChartLinkFault& f = c_.link_faults[i];
      const int y = slot_y(f.row, slot_of_fault_[i]);
      const int x1 = lane_x(std::min(f.lane_a, f.lane_b)), x2 = lane_x(std::max(f.lane_a, f.lane_b));
      std::string points;
      for (int x = x1, k = 0; x <= x2; x += 10, ++k) points += fmt::format("{},{} ", x, y + (k % 2 ? -4 : 4));
      out_ += fmt::format(
          "<g class=\"fault\"><title>the link fails</title><polyline points=\"{}\" fill=\"none\" stroke=\"#c0392b\" "
          "stroke-width=\"2\"/>{}</g>\n",
          points, label((x1 + 3 * x2) / 4, y - 7, "link fails", "#c0392b"));
    }
  }

  std::string label(int x, int y, const std::string& text, const char* color) const {
    return fmt::format(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" stroke=\"#ffffff\" stroke-width=\"3\" "
        "paint-order=\"stroke\">{}</text>",
        x, y, color, xml_escaped(text));
  }

  static std::string cross(int x, int y) {
    return fmt::format(
        "<path d=\"M {} {} L {} {} M {} {} L {} {}\" stroke=\"#c0392b\" stroke-width=\"2.5\"/>", x - 6, y - 6, x + 6,
        y + 6, x - 6, y + 6, x + 6, y - 6);
  }

  void arrows() {
    for (size_t i = 0; i < c_.arrows.size(); ++i) {
      const ChartArrow& a = c_.arrows[i];
      const int x1 = lane_x(a.from_lane), x2 = lane_x(a.to_lane), mid = (x1 + x2) / 2;
      std::string body;
      switch (a.style) {
        case ArrowStyle::Command:
        case ArrowStyle::Record: {
          const int y = slot_y(a.from_row, slot_of_arrow_[i]);
          const bool cmd = a.style == ArrowStyle::Command;
          body = fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{} "
                             "marker-end=\"url(#{})\"/>",
                             x1, y, x2, y, cmd ? "#1f4e79" : "#6a3d9a", cmd ? "" : " stroke-dasharray=\"2 3\"",
                             cmd ? "arrow" : "arrow-record") +
                 label(mid, y - 5, a.label, cmd ? "#1f4e79" : "#6a3d9a");
          break;
        }
        case ArrowStyle::Dropped: {
          const int y = slot_y(a.from_row, slot_of_arrow_[i]);
          body = fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c0392b\" stroke-width=\"1.5\" "
                             "stroke-dasharray=\"5 3\"/>",
                             x1, y, mid, y) +
                 cross(mid, y) + label((x1 + mid) / 2, y - 5, a.label, "#c0392b");
          break;
        }
        case ArrowStyle::Message:
        case ArrowStyle::Lost:
        case ArrowStyle::InFlight: {
          const int y1 = row_bottom(a.from_row) - 4;
          const bool lost = a.style == ArrowStyle::Lost, flying = a.style == ArrowStyle::InFlight;
          const int x_end = lost ? mid : x2;
          const int y2 = lost ? row_top_[a.to_row] - 2 : flying ? rows_end() + 18 : row_top_[a.to_row] + 4;
          const char* color = lost ? "#c0392b" : flying ? "#999999" : "#333333";
          body = fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1.3\"{}{}/>", x1,
                             y1, x_end, y2, color, lost || flying ? " stroke-dasharray=\"5 3\"" : "",
                             lost ? "" : flying ? " marker-end=\"url(#arrow-grey)\"" : " marker-end=\"url(#arrow-msg)\"");
          if (lost) body += cross(x_end, y2);
          body += label((x1 + x_end) / 2, (y1 + y2) / 2 - 3, a.label, color);
          break;
        }
      }
      out_ += fmt::format("<g class=\"arrow\"><title>{}</title>{}</g>\n", xml_escaped(a.tooltip), body);
    }
  }

  void boxes() {
    for (size_t i = 0; i < c_.boxes.size(); ++i) {
      const ChartBox& b = c_.boxes[i];
      const int y = slot_y(b.row, first_box_slot_[b.row] + slot_of_box_[i]);
      const int w = static_cast<int>(b.text.size() * kCharWidth) + 14;
      const int x = lane_x(b.lane);
      const BoxColors col = colors(b.style);
      const bool bold = b.style == BoxStyle::Fault || b.style == BoxStyle::Ghost || b.style == BoxStyle::Timeout;
      out_ += fmt::format(
          "<g class=\"box\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{}\" "
          "stroke=\"{}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\"{}>{}</text></g>\n",
          xml_escaped(b.tooltip), x - w / 2, y - kSlot / 2 + 2, w, kSlot - 4, col.fill, col.stroke, x, y + 4,
          bold ? " font-weight=\"bold\"" : "", xml_escaped(b.text));
    }
  }

  void footer() {
    int y = footer_top_;
    out_ += fmt::format("<line x1=\"10\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#cccccc\"/>\n", y - 14,
                        kLabelWidth + static_cast<int>(c_.lanes.size()) * kLaneWidth, y - 14);
    for (const auto& line : c_.verdict) {
      out_ += fmt::format("<text x=\"10\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" fill=\"{}\">{}</text>\n", y,
                          line.bad ? "#c0392b" : "#2e7d32", xml_escaped(line.text));
      y += 18;
    }
  }

  const SequenceChart& c_;
  std::string out_;
  std::vector<int> row_top_, row_height_, first_box_slot_;
  std::vector<int> slot_of_arrow_, slot_of_fault_, slot_of_box_;
  int footer_top_ = 0;
  int panel_top_ = 0;
  std::vector<PanelLine> panel_;
};

}  // namespace

std::string render_svg_element(const SequenceChart& chart) { return SvgWriter(chart).element(); }

std::string render_svg(const SequenceChart& chart) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + render_svg_element(chart);
}

}  // namespace lgr
