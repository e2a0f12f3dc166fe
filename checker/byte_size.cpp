#include "checker/byte_size.hpp"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace lgr {

std::optional<uint64_t> parse_byte_size(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || value < 0 || !std::isfinite(value)) return std::nullopt;
  std::string unit(end);
  if (!unit.empty() && (unit.back() == 'B' || unit.back() == 'b')) unit.pop_back();
  if (!unit.empty() && (unit.back() == 'i')) unit.pop_back();
  double scale = 1;
  if (unit.empty()) scale = 1;
  else if (unit.size() == 1 && std::toupper(unit[0]) == 'K') scale = 1024.0;
  else if (unit.size() == 1 && std::toupper(unit[0]) == 'M') scale = 1024.0 * 1024;
  else if (unit.size() == 1 && std::toupper(unit[0]) == 'G') scale = 1024.0 * 1024 * 1024;
  else if (unit.size() == 1 && std::toupper(unit[0]) == 'T') scale = 1024.0 * 1024 * 1024 * 1024;
  else return std::nullopt;
  return static_cast<uint64_t>(value * scale);
}

}  // namespace lgr
