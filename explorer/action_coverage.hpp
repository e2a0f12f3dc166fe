// Coverage of the model's actions, counted while the search expands states:
// for every action id the transitions it labels, and for every group of
// actions (the model's action kinds, say) the expanded states where one of
// its actions is enabled. Each thread counts into its own arrays, which are
// added up after the search, so the totals of a complete search are those
// of a sequential one. Counting is two array increments per transition.
#pragma once

#include <bit>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "explorer/model_interface.hpp"

namespace explorer {

// Groups are numbered below this, so that a state's groups fit one word.
inline constexpr int kMaxActionGroups = 64;

struct ActionCoverage {
  std::vector<uint64_t> transitions;   // per action id
  std::vector<uint64_t> group_states;  // per group: expanded states where it is enabled
  bool collected() const { return !transitions.empty(); }
};

class CoverageCounter {
 public:
  CoverageCounter() = default;
  // `groups`: the group of each action id (empty: count nothing).
  explicit CoverageCounter(const std::vector<uint8_t>& groups) : groups_(groups) {
    for (uint8_t g : groups_)
      if (g >= kMaxActionGroups) throw std::invalid_argument("action group beyond 63");
    c_.transitions.assign(groups_.size(), 0);
    c_.group_states.assign(kMaxActionGroups, 0);
  }

  // The successors' actions of one expanded state (sign -1 takes back what
  // a chunk that must be redone counted).
  void count(const ActionId* actions, std::size_t n, int64_t sign = 1) {
    if (groups_.empty()) return;
    uint64_t seen = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const ActionId a = actions[i];
      if (a >= groups_.size()) throw std::logic_error("model error: an action id beyond the coverage table");
      c_.transitions[a] += static_cast<uint64_t>(sign);
      seen |= uint64_t{1} << groups_[a];
    }
    for (; seen != 0; seen &= seen - 1) c_.group_states[std::countr_zero(seen)] += static_cast<uint64_t>(sign);
  }

  // Counts what `from` holds as if counted here (a resumed search).
  void add_from(const ActionCoverage& from) {
    if (groups_.empty() || from.transitions.size() != c_.transitions.size()) return;
    for (std::size_t i = 0; i < c_.transitions.size(); ++i) c_.transitions[i] += from.transitions[i];
    for (std::size_t i = 0; i < c_.group_states.size() && i < from.group_states.size(); ++i)
      c_.group_states[i] += from.group_states[i];
  }

  // Adds this counter's totals to `into` (sized on first use).
  void add_to(ActionCoverage& into) const {
    if (groups_.empty()) return;
    into.transitions.resize(c_.transitions.size(), 0);
    into.group_states.resize(c_.group_states.size(), 0);
    for (std::size_t i = 0; i < c_.transitions.size(); ++i) into.transitions[i] += c_.transitions[i];
    for (std::size_t i = 0; i < c_.group_states.size(); ++i) into.group_states[i] += c_.group_states[i];
  }

 private:
  std::vector<uint8_t> groups_;
  ActionCoverage c_;
};

}  // namespace explorer
