// The sequence chart as SVG, written as plain text. Lanes are vertical
// lines; each row is a stack of slots, and every text gets a slot of its
// own: first the horizontal arrows (commands, drops, commits, link faults,
// the start of a quiesce band), then one slot per message that arrives in
// the row (its label sits there, the arrow runs to it from the row that
// sent it), then the boxes, packed so that no two in one slot touch. Widths
// come from the font's advance widths (text_width.hpp), so no label is drawn
// under or across another; a tests/cli browser test checks it laid out.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "counterexamples/sequence_chart.hpp"
#include "counterexamples/text_width.hpp"
#include "counterexamples/xml_text.hpp"

namespace lgr {
namespace {

constexpr int kHeaderTop = 64;
constexpr int kRowsTop = 110;
constexpr int kSlot = 22;
constexpr int kRowPad = 6;
constexpr int kMinLaneWidth = 230;
constexpr int kCycleColumn = 60;
constexpr int kMaxShownWidth = 1360;  // wider charts are scaled down to this (a 1400-px window)
constexpr double kFont = 11;

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

bool bold_box(BoxStyle s) { return s == BoxStyle::Fault || s == BoxStyle::Ghost || s == BoxStyle::Timeout; }
bool horizontal(ArrowStyle s) { return s == ArrowStyle::Command || s == ArrowStyle::Dropped || s == ArrowStyle::Record; }
bool arrives(ArrowStyle s) { return s == ArrowStyle::Message || s == ArrowStyle::Lost; }
int box_width(const ChartBox& b) { return static_cast<int>(std::ceil(text_width(b.text, kFont, bold_box(b.style)))) + 14; }

class SvgWriter {
 public:
  explicit SvgWriter(const SequenceChart& c) : c_(c) {
    widths();
    layout();
    footer_layout();
  }

  std::string element() {
    const int width = chart_width();
    const int height = panel_top_ + 16 * static_cast<int>(panel_.size()) + 16;
    const int shown_w = std::min(width, kMaxShownWidth);
    const int shown_h = static_cast<int>(std::lround(static_cast<double>(height) * shown_w / width));
    out_ += fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" "
        "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"11\">\n",
        shown_w, shown_h, width, height);
    defs();
    out_ += fmt::format("<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n", width, height);
    out_ += fmt::format("<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">{}</text>\n", xml_escaped(c_.title));
    out_ += fmt::format("<text x=\"10\" y=\"44\" font-size=\"12\" fill=\"#555555\">{}</text>\n", xml_escaped(c_.subtitle));
    rows();
    bands();
    lanes();
    cycle();
    link_faults();
    arrows();
    boxes();
    labels();
    footer();
    panel();
    out_ += "</svg>\n";
    return std::move(out_);
  }

 private:
  int lane_x(int lane) const { return label_width_ + lane * lane_width_ + lane_width_ / 2; }
  int row_bottom(int row) const { return row_top_[row] + row_height_[row]; }
  int slot_y(int row, int slot) const { return row_top_[row] + kRowPad + slot * kSlot + kSlot / 2; }
  int rows_end() const { return row_top_.back(); }  // the extra entry past the last row
  int lanes_right() const { return label_width_ + static_cast<int>(c_.lanes.size()) * lane_width_; }
  int chart_width() const { return width_; }
  std::string row_label(std::size_t r) const {
    return r == 0 ? c_.rows[r].label : fmt::format("{}  {}", r, c_.rows[r].label);
  }

  // The label column fits the longest step; a lane fits its widest box
  // (with room for the quiesce band) and the widest label between two lanes.
  void widths() {
    double label = 160;
    for (std::size_t r = 0; r < c_.rows.size(); ++r) label = std::max(label, text_width(row_label(r), kFont, r > 0));
    label_width_ = static_cast<int>(std::ceil(label)) + 30;
    int lane = kMinLaneWidth;
    for (const auto& b : c_.boxes) lane = std::max(lane, box_width(b) + 50);
    for (const auto& l : c_.lanes) lane = std::max(lane, static_cast<int>(text_width(l.title, 12, true)) + 40);
    for (const auto& a : c_.arrows) {
      const int span = std::max(1, std::abs(a.to_lane - a.from_lane));
      lane = std::max(lane, static_cast<int>(text_width(a.label, kFont) / span) + 30);
    }
    lane_width_ = lane;
    width_ = lanes_right() + 20 + (c_.cycle_first_row >= 0 ? kCycleColumn : 0);
    width_ = std::max(width_, static_cast<int>(text_width(c_.title, 16, true)) + 30);
    width_ = std::max(width_, static_cast<int>(text_width(c_.subtitle, 12)) + 30);
  }

  // Slots: horizontals (and band starts), then arrivals, then packed boxes.
  void layout() {
    const int n = static_cast<int>(c_.rows.size());
    std::vector<int> next(n, 0);
    slot_of_arrow_.assign(c_.arrows.size(), -1);
    for (std::size_t i = 0; i < c_.arrows.size(); ++i)
      if (horizontal(c_.arrows[i].style) && c_.arrows[i].from_row < n) slot_of_arrow_[i] = next[c_.arrows[i].from_row]++;
    for (const auto& f : c_.link_faults) slot_of_fault_.push_back(next[f.row]++);
    for (const auto& b : c_.bands) slot_of_band_.push_back(next[b.from_row]++);
    int in_flight = 0;
    for (std::size_t i = 0; i < c_.arrows.size(); ++i) {
      const ChartArrow& a = c_.arrows[i];
      if (arrives(a.style) && a.to_row < n) slot_of_arrow_[i] = next[a.to_row]++;
      else if (a.style == ArrowStyle::InFlight) slot_of_arrow_[i] = in_flight++;
    }
    // Boxes: the first slot where no box of the row already lies in the way.
    std::vector<std::vector<std::vector<std::pair<int, int>>>> used(n);  // per row and box slot: x intervals
    for (const auto& b : c_.boxes) {
      const int w = box_width(b), x = lane_x(b.lane);
      const std::pair<int, int> span{x - w / 2 - 6, x + w / 2 + 6};
      auto& slots = used[b.row];
      std::size_t k = 0;
      for (; k < slots.size(); ++k)
        if (std::none_of(slots[k].begin(), slots[k].end(),
                         [&](auto o) { return span.first < o.second && o.first < span.second; }))
          break;
      if (k == slots.size()) slots.emplace_back();
      slots[k].push_back(span);
      slot_of_box_.push_back(static_cast<int>(k));
    }
    int y = kRowsTop;
    for (int r = 0; r < n; ++r) {
      first_box_slot_.push_back(next[r]);
      const int slots = std::max(1, next[r] + static_cast<int>(used[r].size()));
      row_top_.push_back(y);
      row_height_.push_back(2 * kRowPad + slots * kSlot);
      y += row_height_.back();
    }
    row_top_.push_back(y);
    in_flight_top_ = y + 8;
    footer_top_ = in_flight_top_ + in_flight * kSlot + 30;
  }

  // The verdict and the final-state panel, wrapped to the chart's width.
  struct PanelLine {
    std::string text;
    bool heading = false;
    bool bad = false;
  };
  void footer_layout() {
    const double room = chart_width() - 30;
    for (const auto& v : c_.verdict)
      for (auto& line : wrap_text(v.text, 13, true, room)) verdict_.push_back({std::move(line), false, v.bad});
    panel_top_ = footer_top_ + 18 * static_cast<int>(verdict_.size()) + 18;
    auto add = [&](const std::string& text) {
      for (auto& part : wrap_text(text, 12, false, room - 20)) panel_.push_back({std::move(part)});
    };
    if (!c_.final_state.empty()) panel_.push_back({"final state", true});
    for (const auto& line : c_.final_state) add(line);
    for (const auto& w : c_.witnesses) {
      panel_.push_back({"witness of " + w.property, true, true});
      for (const auto& line : w.lines) add(line);
    }
  }

  const char* colour_of(const ChartArrow& a) const { return c_.guest_count > 1 ? guest_colour(a.guest) : "#333333"; }
  static std::string marker_id(const char* colour) { return std::string("arrow-") + (colour + 1); }

  void defs() {
    out_ += "<defs>\n";
    std::vector<const char*> colours = {"#1f4e79", "#333333", "#999999", "#6a3d9a", "#c0392b"};
    for (int g = 0; g < 8; ++g) colours.push_back(guest_colour(g));
    std::sort(colours.begin(), colours.end(), [](const char* a, const char* b) { return std::string(a) < b; });
    colours.erase(std::unique(colours.begin(), colours.end(), [](const char* a, const char* b) { return std::string(a) == b; }),
                  colours.end());
    for (const char* colour : colours)
      out_ += fmt::format(
          "<marker id=\"{}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" "
          "orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"{}\"/></marker>\n",
          marker_id(colour), colour);
    out_ += "</defs>\n";
  }

  void rows() {
    for (size_t r = 0; r < c_.rows.size(); ++r) {
      const int top = row_top_[r];
      const bool in_cycle = c_.cycle_first_row >= 0 && static_cast<int>(r) >= c_.cycle_first_row;
      if (in_cycle || r % 2 == 1)
        out_ += fmt::format("<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>\n", top, lanes_right(),
                            row_height_[r], in_cycle ? "#fff4e5" : "#f7f9fc");
      out_ += fmt::format("<text x=\"10\" y=\"{}\" font-weight=\"{}\">{}</text>\n", top + kRowPad + 14,
                          r == 0 ? "normal" : "bold", xml_escaped(row_label(r)));
    }
  }

  void bands() {
    for (std::size_t i = 0; i < c_.bands.size(); ++i) {
      const ChartBand& b = c_.bands[i];
      const int top = slot_y(b.from_row, slot_of_band_[i]) - kSlot / 2, bottom = row_bottom(b.to_row);
      out_ += fmt::format(
          "<g class=\"quiesce\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"28\" height=\"{}\" fill=\"#6baed6\" "
          "fill-opacity=\"0.35\" stroke=\"#3182bd\"/></g>\n",
          xml_escaped(b.label), lane_x(b.lane) - 14, top, bottom - top);
    }
  }

  void lanes() {
    const int bottom = rows_end() + 10;
    for (size_t i = 0; i < c_.lanes.size(); ++i) {
      const ChartLane& l = c_.lanes[i];
      const int x = lane_x(static_cast<int>(i));
      const int w = static_cast<int>(text_width(l.title, 12, true)) + 20;
      const char* fill = l.kind == LaneKind::Operator ? "#fdf2d0" : l.kind == LaneKind::Ownership ? "#e9dcf5" : "#dceaf7";
      out_ += fmt::format(
          "<g class=\"lane\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"28\" rx=\"4\" fill=\"{}\" stroke=\"#444444\"/>"
          "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\">{}</text></g>\n",
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

  // A lasso's cycle: a bracket right of the lanes from its first row to the
  // last, its arrow pointing back up to where the cycle starts; a
  // stuttering lasso gets a loop on its last row.
  void cycle() {
    if (c_.cycle_first_row < 0) return;
    const int x = lanes_right() + 30;
    const int last = static_cast<int>(c_.rows.size()) - 1;
    if (c_.cycle_first_row > last) {
      const int y = row_top_[last] + row_height_[last] / 2;
      out_ += fmt::format(
          "<g class=\"cycle\"><title>no fair action is enabled after step {}: the path stays here forever</title>"
          "<path d=\"M {} {} C {} {} {} {} {} {}\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" "
          "marker-end=\"url(#arrow-c0392b)\"/></g>\n",
          last, x - 20, y + 6, x + 14, y + 18, x + 14, y - 18, x - 20, y - 6);
      return;
    }
    const int top = row_top_[c_.cycle_first_row] + 4, bottom = rows_end() - 4;
    out_ += fmt::format(
        "<g class=\"cycle\"><title>steps {} to {} repeat forever</title><path d=\"M {} {} L {} {} L {} {} L {} {}\" "
        "fill=\"none\" stroke=\"#c0392b\" stroke-width=\"2\" marker-end=\"url(#arrow-c0392b)\"/>",
        c_.cycle_first_row, last, x - 16, bottom, x, bottom, x, top, x - 16, top);
    const int mid = (top + bottom) / 2;
    if (text_width("cycle", 10) + 8 < bottom - top)
      out_ += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" fill=\"#c0392b\" text-anchor=\"middle\" "
                          "transform=\"rotate(-90 {} {})\">cycle</text>",
                          x + 14, mid, x + 14, mid);
    out_ += "</g>\n";
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
          "stroke-width=\"2\"/></g>\n",
          points);
      labels_ += label((x1 + x2) / 2, y - 4, "link fails", "#c0392b");
    }
    for (std::size_t i = 0; i < c_.bands.size(); ++i) {
      const ChartBand& b = c_.bands[i];
      labels_ += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#08519c\">{}</text>",
                             lane_x(b.lane), slot_y(b.from_row, slot_of_band_[i]) + 4, xml_escaped(b.label));
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

  // Lines now, labels last (labels()), so no line or box covers a label.
  void arrows() {
    for (size_t i = 0; i < c_.arrows.size(); ++i) {
      const ChartArrow& a = c_.arrows[i];
      const int x1 = lane_x(a.from_lane), x2 = lane_x(a.to_lane), mid = (x1 + x2) / 2;
      std::string body, text;
      switch (a.style) {
        case ArrowStyle::Command:
        case ArrowStyle::Record: {
          const int y = slot_y(a.from_row, slot_of_arrow_[i]);
          const bool cmd = a.style == ArrowStyle::Command;
          const char* colour = cmd ? "#1f4e79" : "#6a3d9a";
          body = fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{} "
                             "marker-end=\"url(#{})\"/>",
                             x1, y, x2, y, colour, cmd ? "" : " stroke-dasharray=\"2 3\"", marker_id(colour));
          text = label(mid, y - 4, a.label, colour);
          break;
        }
        case ArrowStyle::Dropped: {
          const int y = slot_y(a.from_row, slot_of_arrow_[i]);
          body = fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#c0392b\" stroke-width=\"1.5\" "
                             "stroke-dasharray=\"5 3\"/>",
                             x1, y, mid, y) +
                 cross(mid, y);
          text = label((x1 + mid) / 2, y - 4, a.label, "#c0392b");
          break;
        }
        case ArrowStyle::Message:
        case ArrowStyle::Lost:
        case ArrowStyle::InFlight: {
          const int y1 = row_bottom(a.from_row) - 4;
          const bool lost = a.style == ArrowStyle::Lost, flying = a.style == ArrowStyle::InFlight;
          const int x_end = lost ? mid : x2;
          const int y2 = flying ? in_flight_top_ + slot_of_arrow_[i] * kSlot + kSlot / 2 : slot_y(a.to_row, slot_of_arrow_[i]);
          const char* colour = lost ? "#c0392b" : flying ? "#999999" : colour_of(a);
          body = fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1.3\"{}{}/>", x1,
                             y1, x_end, y2, colour, lost || flying ? " stroke-dasharray=\"5 3\"" : "",
                             lost ? "" : fmt::format(" marker-end=\"url(#{})\"", marker_id(colour)));
          if (lost) body += cross(x_end, y2);
          text = label(lost ? (x1 + x_end) / 2 : mid, y2 + 4, a.label, flying ? "#666666" : colour);
          break;
        }
      }
      out_ += fmt::format("<g class=\"arrow\"><title>{}</title>{}</g>\n", xml_escaped(a.tooltip), body);
      labels_ += fmt::format("<g class=\"arrow-label\"><title>{}</title>{}</g>\n", xml_escaped(a.tooltip), text);
    }
  }

  void boxes() {
    for (size_t i = 0; i < c_.boxes.size(); ++i) {
      const ChartBox& b = c_.boxes[i];
      const int y = slot_y(b.row, first_box_slot_[b.row] + slot_of_box_[i]);
      const int w = box_width(b);
      const int x = lane_x(b.lane);
      const BoxColors col = colors(b.style);
      out_ += fmt::format(
          "<g class=\"box\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"{}\" "
          "stroke=\"{}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\"{}>{}</text></g>\n",
          xml_escaped(b.tooltip), x - w / 2, y - kSlot / 2 + 2, w, kSlot - 4, col.fill, col.stroke, x, y + 4,
          bold_box(b.style) ? " font-weight=\"bold\"" : "", xml_escaped(b.text));
    }
  }

  void labels() { out_ += labels_; }

  void footer() {
    int y = footer_top_;
    out_ += fmt::format("<line x1=\"10\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#cccccc\"/>\n", y - 16, chart_width() - 10,
                        y - 16);
    for (const auto& line : verdict_) {
      out_ += fmt::format("<text x=\"10\" y=\"{}\" font-size=\"13\" font-weight=\"bold\" fill=\"{}\">{}</text>\n", y,
                          line.bad ? "#c0392b" : "#2e7d32", xml_escaped(line.text));
      y += 18;
    }
  }

  void panel() {
    if (panel_.empty()) return;
    int y = panel_top_;
    out_ += fmt::format("<g class=\"final-state\"><rect x=\"6\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fafafa\" "
                        "stroke=\"#cccccc\"/>\n",
                        y - 16, chart_width() - 12, 16 * static_cast<int>(panel_.size()) + 8);
    for (const auto& line : panel_) {
      out_ += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\"{}{}>{}</text>\n", line.heading ? 12 : 28, y,
                          line.heading ? " font-weight=\"bold\"" : "", line.bad ? " fill=\"#c0392b\"" : "",
                          xml_escaped(line.text));
      y += 16;
    }
    out_ += "</g>\n";
  }

  const SequenceChart& c_;
  std::string out_, labels_;
  int label_width_ = 0, lane_width_ = kMinLaneWidth, width_ = 0;
  std::vector<int> row_top_, row_height_, first_box_slot_;
  std::vector<int> slot_of_arrow_, slot_of_fault_, slot_of_band_, slot_of_box_;
  int in_flight_top_ = 0, footer_top_ = 0, panel_top_ = 0;
  std::vector<PanelLine> verdict_, panel_;
};

}  // namespace

std::string render_svg_element(const SequenceChart& chart) { return SvgWriter(chart).element(); }

std::string render_svg(const SequenceChart& chart) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + render_svg_element(chart);
}

}  // namespace lgr
