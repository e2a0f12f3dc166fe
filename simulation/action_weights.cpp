#include "simulation/action_weights.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <stdexcept>

namespace lgr {
namespace {

constexpr int kKinds = kActionKindCount;

std::string known_kinds() {
  std::string s;
  for (int k = 0; k < kKinds; ++k) s += (k ? ", " : "") + std::string(action_kind_name(static_cast<ActionKind>(k)));
  return s;
}

}  // namespace

std::vector<double> parse_action_weights(const LgrModel& model, const std::vector<std::string>& items) {
  std::map<ActionKind, double> by_kind;
  for (const std::string& item : items) {
    const auto eq = item.find('=');
    const std::string kind = item.substr(0, eq);
    int found = -1;
    for (int k = 0; k < kKinds; ++k)
      if (kind == action_kind_name(static_cast<ActionKind>(k))) found = k;
    if (eq == std::string::npos || eq + 1 == item.size())
      throw std::invalid_argument(fmt::format("--weight: '{}' is not KIND=WEIGHT with a number WEIGHT >= 0", item));
    if (found < 0)
      throw std::invalid_argument(fmt::format("--weight: unknown action kind '{}' (known: {})", kind, known_kinds()));
    const std::string number = item.substr(eq + 1);
    std::size_t used = 0;
    double w = -1;
    try {
      w = std::stod(number, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != number.size() || !std::isfinite(w) || w < 0)
      throw std::invalid_argument(fmt::format("--weight: '{}' is not KIND=WEIGHT with a number WEIGHT >= 0", item));
    if (by_kind.count(static_cast<ActionKind>(found)))
      throw std::invalid_argument(fmt::format("--weight: {} is given twice", kind));
    by_kind[static_cast<ActionKind>(found)] = w;
  }
  if (by_kind.empty()) return {};
  std::vector<double> weights;
  for (const ActionInstance& ai : model.actions()) {
    auto it = by_kind.find(ai.kind);
    weights.push_back(it == by_kind.end() ? 1.0 : it->second);
  }
  return weights;
}

}  // namespace lgr
