#include "cli/help_text.hpp"

#include <iostream>

#include "checker/exit_codes.hpp"
#include "model/variant.hpp"
#include "properties/property.hpp"

namespace lgr {

std::string comma_lines(const std::vector<std::string>& names, std::size_t first_width, std::size_t width) {
  std::string out, line;
  std::size_t limit = first_width;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string item = names[i] + (i + 1 < names.size() ? "," : "");
    if (!line.empty() && line.size() + 1 + item.size() > limit) {
      out += line + "\n";
      line.clear();
      limit = width;
    }
    line += (line.empty() ? "" : " ") + item;
  }
  return out + line;
}

std::vector<std::string> variant_names() {
  std::vector<std::string> out;
  for (const auto& v : all_variants()) out.emplace_back(v.name);
  return out;
}

std::vector<std::string> property_names_list() {
  std::vector<std::string> out;
  for (const auto& p : all_properties()) out.emplace_back(p.name);
  return out;
}

int bad_input(const std::string& msg) {
  std::cerr << "lgrcheck: error: " << msg << "\n";
  return exit_status::kBadInput;
}

}  // namespace lgr
