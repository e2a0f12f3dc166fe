#include "crosscheck/promela/promela_text.hpp"

#include <algorithm>
#include <cctype>

#include "model/bit_field.hpp"

namespace lgr::promela {

std::string comment_safe(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  for (size_t at = s.find("*/"); at != std::string::npos; at = s.find("*/", at)) s.replace(at, 2, "* /");
  return s;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

std::string when(const std::string& cond, const std::string& then) {
  return "if :: " + cond + " -> " + then + " :: else -> skip fi";
}

const char* int_type(int64_t max) {
  if (max <= 255) return "byte";
  if (max <= 32767) return "short";
  return "int";
}

int width_of(int64_t max) { return std::max<int>(1, static_cast<int>(bits_for(static_cast<uint64_t>(max)))); }

bool is_literal(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace lgr::promela
