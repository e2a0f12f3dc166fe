#include "counterexamples/text_width.hpp"

namespace lgr {
namespace {

// DejaVu Sans advance widths in 1/2048 em (its hmtx table), printable ASCII
// from ' ' to '~'.
constexpr int kAdvance[95] = {
    651,  823,  942,  1716, 1303, 1946, 1597, 563,  799,  799,  1024, 1716, 651,  739,  651,  690,   // ' ' .. '/'
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690,  690,  1716, 1716, 1716, 1087,  // '0' .. '?'
    2048, 1401, 1405, 1430, 1577, 1294, 1178, 1589, 1540, 604,  604,  1343, 1141, 1767, 1532, 1612,  // '@' .. 'O'
    1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1405, 1253, 1405, 799,  690,  799,  1716, 1024,  // 'P' .. '_'
    1024, 1255, 1300, 1126, 1300, 1260, 721,  1300, 1298, 569,  569,  1186, 569,  1995, 1298, 1253,  // '`' .. 'o'
    1300, 1300, 842,  1067, 803,  1298, 1212, 1675, 1212, 1212, 1075, 1303, 690,  1303, 1716};       // 'p' .. '~'

constexpr double kBold = 1.13;    // DejaVu Sans Bold is about this much wider
constexpr double kMargin = 1.04;  // rounding up: a box too wide is harmless, too narrow is not

}  // namespace

double text_width(const std::string& text, double font_px, bool bold) {
  double em = 0;
  for (unsigned char c : text) em += (c >= 32 && c < 127 ? kAdvance[c - 32] : 2048) / 2048.0;
  return em * font_px * (bold ? kBold : 1.0) * kMargin;
}

std::vector<std::string> wrap_text(const std::string& text, double font_px, bool bold, double width) {
  std::vector<std::string> out;
  std::string line;
  std::size_t from = 0;
  while (from <= text.size()) {
    std::size_t to = text.find(' ', from);
    if (to == std::string::npos) to = text.size();
    const std::string word = text.substr(from, to - from);
    const std::string longer = line.empty() ? word : line + " " + word;
    if (!line.empty() && text_width(longer, font_px, bold) > width) {
      out.push_back(line);
      line = word;
    } else {
      line = longer;
    }
    from = to + 1;
  }
  if (!line.empty()) out.push_back(line);
  return out;
}

}  // namespace lgr
