// The search strategies, by name: what `--strategy` accepts, what reports
// print, and whether a strategy's traces are shortest, all from the registry
// explorer/strategies.def. Light on purpose: the command line and the
// reports need the names, not the engines (explorer/search.hpp builds the
// engine a strategy names from the same registry).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace explorer {

enum class Strategy {
#define STRATEGY(e, name, shortest, meaning, Engine) e,
#include "explorer/strategies.def"
#undef STRATEGY
};

struct StrategyInfo {
  Strategy strategy;
  const char* name;      // the command-line value and the report's "strategy"
  bool shortest_traces;  // every counterexample is a shortest one
  const char* meaning;   // one line, for --help
};

inline constexpr StrategyInfo kStrategies[] = {
#define STRATEGY(e, name, shortest, meaning, Engine) {Strategy::e, name, shortest, meaning},
#include "explorer/strategies.def"
#undef STRATEGY
};

constexpr const StrategyInfo& strategy_info(Strategy s) {
  for (const auto& i : kStrategies)
    if (i.strategy == s) return i;
  return kStrategies[0];
}
constexpr const char* strategy_name(Strategy s) { return strategy_info(s).name; }
inline std::optional<Strategy> parse_strategy(std::string_view name) {
  for (const auto& i : kStrategies)
    if (name == i.name) return i.strategy;
  return std::nullopt;
}
// "bfs, dfs", for help texts and errors.
inline std::string strategy_names() {
  std::string out;
  for (const auto& i : kStrategies) out += (out.empty() ? "" : ", ") + std::string(i.name);
  return out;
}

}  // namespace explorer
