// z/VM names (user IDs, members, SSI domains) are case-insensitive and
// stored in upper case: one case folding, one lookup and one "known: ..."
// list for the configuration reader, trace labels and VMRELOCATE TEST.
#pragma once

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cstddef>
#include <string>
#include <vector>

namespace lgr {

std::string uppercase(std::string s);
std::string lowercase(std::string s);

// The index of the item called `name` in any case, or -1.
template <class Named>
int index_of_name(const std::vector<Named>& items, const std::string& name) {
  const std::string upper = uppercase(name);
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].name == upper) return static_cast<int>(i);
  return -1;
}

// "LINUX01, LINUX02", for "unknown guest ... (known: ...)" messages.
template <class Named>
std::string known_names(const std::vector<Named>& items) {
  std::vector<std::string> names;
  for (const Named& item : items) names.push_back(item.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

}  // namespace lgr
