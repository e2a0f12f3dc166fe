// Command-line lists: "--variant a,b --variant c" and "--properties ' A , B'"
// both mean every name, split at commas, spaces around a name trimmed.
#pragma once

#include <string>
#include <vector>

namespace lgr {

inline std::vector<std::string> split_name_list(const std::vector<std::string>& items) {
  std::vector<std::string> names;
  for (const std::string& item : items) {
    std::size_t start = 0;
    while (start <= item.size()) {
      std::size_t end = item.find(',', start);
      if (end == std::string::npos) end = item.size();
      std::string name = item.substr(start, end - start);
      const auto first = name.find_first_not_of(" \t");
      const auto last = name.find_last_not_of(" \t");
      if (first != std::string::npos) names.push_back(name.substr(first, last - first + 1));
      start = end + 1;
    }
  }
  return names;
}

}  // namespace lgr
