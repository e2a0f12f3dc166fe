// The sequence chart for a terminal: one column per lane, one line per
// arrow or box, the whole sentence to the right. A message is drawn where it
// is sent and marked 'v' where it arrives; 'x' marks a lost one, '#' a
// quiesced guest's lane, ':' a failed member's lane.
#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "counterexamples/sequence_chart.hpp"

namespace lgr {
namespace {

constexpr int kMargin = 4;
constexpr int kColumn = 22;

class TextWriter {
 public:
  explicit TextWriter(const SequenceChart& c) : c_(c), width_(kMargin + static_cast<int>(c.lanes.size()) * kColumn) {}

  std::string run() {
    out_ += c_.title + "\n" + c_.subtitle + "\n\n";
    std::string header(width_, ' ');
    for (size_t i = 0; i < c_.lanes.size(); ++i) {
      const std::string& t = c_.lanes[i].title;
      const int x = std::max(0, column(static_cast<int>(i)) - static_cast<int>(t.size()) / 2);
      header.replace(x, std::min(t.size(), header.size() - x), t.substr(0, kColumn - 1));
    }
    out_ += trimmed(header) + "\n";
    for (int r = 0; r < static_cast<int>(c_.rows.size()); ++r) row(r);
    in_flight();
    out_ += "\n";
    for (const auto& v : c_.verdict) out_ += v.text + "\n";
    out_ += "\nfinal state:\n";
    for (const auto& line : c_.final_state) out_ += "    " + line + "\n";
    for (const auto& w : c_.witnesses) {
      out_ += "witness of " + w.property + ":\n";
      for (const auto& line : w.lines) out_ += "    " + line + "\n";
    }
    return std::move(out_);
  }

 private:
  int column(int lane) const { return kMargin + lane * kColumn + kColumn / 2; }

  static std::string trimmed(std::string s) {
    s.erase(s.find_last_not_of(' ') + 1);
    return s;
  }

  std::string grid(int row) const {
    std::string g(width_, ' ');
    for (int i = 0; i < static_cast<int>(c_.lanes.size()); ++i) {
      char mark = '|';
      if (c_.lanes[i].failed_at_row >= 0 && row > c_.lanes[i].failed_at_row) mark = ':';
      for (const auto& b : c_.bands)
        if (b.lane == i && row >= b.from_row && row <= b.to_row) mark = '#';
      g[column(i)] = mark;
    }
    return g;
  }

  // An arrow from one lane towards another, the label in its middle; with
  // `cut` it stops halfway at an 'x'.
  void arrow(std::string& g, int from, int to, const std::string& label, bool cut) const {
    const int a = column(from), b = column(to);
    const int end = cut ? (a + b) / 2 : b;
    const int lo = std::min(a, end) + 1, hi = std::max(a, end) - 1;
    for (int x = lo; x <= hi; ++x) g[x] = '-';
    if (cut) g[end] = 'x';
    else if (b > a) g[hi] = '>';
    else g[lo] = '<';
    const int room = hi - lo - 1;
    if (room >= static_cast<int>(label.size()) + 2) {
      const int start = lo + (room - static_cast<int>(label.size())) / 2 + 1;
      g.replace(start, label.size(), label);
    }
  }

  void line(std::string g, const std::string& text) { out_ += trimmed(g) + (text.empty() ? "" : "   " + text) + "\n"; }

  // Everything drawn in row r, in the order the replay reported it.
  void row(int r) {
    out_ += fmt::format("{:>3} {}\n", r, c_.rows[r].label);
    std::vector<std::pair<int, std::function<void()>>> items;
    for (const auto& a : c_.arrows) {
      const bool one_row = a.style == ArrowStyle::Command || a.style == ArrowStyle::Record || a.style == ArrowStyle::Dropped;
      if (a.to_row == r && !one_row && a.style != ArrowStyle::InFlight)
        items.emplace_back(a.seq, [this, &a, r] { arrival(a, r); });
      if (a.from_row == r && (one_row || a.send_seq > 0))
        items.emplace_back(one_row ? a.seq : a.send_seq, [this, &a, r, one_row] { one_row ? horizontal(a, r) : sent(a, r); });
    }
    for (const auto& b : c_.boxes)
      if (b.row == r)
        items.emplace_back(b.seq, [this, &b, r] {
          std::string g = grid(r);
          g[column(b.lane)] = '*';
          line(g, b.tooltip);
        });
    for (const auto& f : c_.link_faults)
      if (f.row == r)
        items.emplace_back(f.seq, [this, &f, r] {
          std::string g = grid(r);
          const int lo = column(std::min(f.lane_a, f.lane_b)), hi = column(std::max(f.lane_a, f.lane_b));
          for (int x = lo + 1; x < hi; ++x) g[x] = (x % 2) ? '/' : '\\';
          line(g, "the link fails");
        });
    std::stable_sort(items.begin(), items.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    for (auto& [seq, draw] : items) draw();
  }

  void horizontal(const ChartArrow& a, int r) {
    std::string g = grid(r);
    arrow(g, a.from_lane, a.to_lane, a.label, a.style == ArrowStyle::Dropped);
    line(g, a.tooltip);
  }

  void arrival(const ChartArrow& a, int r) {
    std::string g = grid(r);
    if (a.style == ArrowStyle::Lost) arrow(g, a.from_lane, a.to_lane, a.label, true);
    else g[column(a.to_lane)] = 'v';
    line(g, a.tooltip);
  }

  void sent(const ChartArrow& a, int r) {
    std::string g = grid(r);
    const std::string name = a.style == ArrowStyle::Message ? a.label : a.label.substr(0, a.label.find(' '));
    arrow(g, a.from_lane, a.to_lane, name, false);
    line(g, fmt::format("{} sent{}", name,
                        a.style == ArrowStyle::Message ? fmt::format(", arrives in step {}", a.to_row)
                        : a.style == ArrowStyle::Lost  ? fmt::format(", lost in step {}", a.to_row)
                                                       : ", still in flight at the end"));
  }

  void in_flight() {
    for (const auto& a : c_.arrows)
      if (a.style == ArrowStyle::InFlight) line(grid(static_cast<int>(c_.rows.size())), a.tooltip);
  }

  const SequenceChart& c_;
  const int width_;
  std::string out_;
};

}  // namespace

std::string render_text(const SequenceChart& chart) { return TextWriter(chart).run(); }

}  // namespace lgr
