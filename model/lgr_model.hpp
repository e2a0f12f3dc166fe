// The LGR model of spec sections 2 and 3 over a packed, fixed-size state.
// It offers what the explorer needs (state size, initial state, successors
// with action indexes) and what traces need (labels, decoding).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/config.hpp"
#include "model/lgr_state.hpp"
#include "model/state_layout.hpp"
#include "model/variant.hpp"

namespace lgr {

// The kinds of spec section 3, in canonical order (model/action_kinds.def).
enum class ActionKind : uint8_t {
#define LGR_ACTION_KIND(name, fair, operands) name,
#include "model/action_kinds.def"
};
inline constexpr int kActionKindCount = 0
#define LGR_ACTION_KIND(name, fair, operands) +1
#include "model/action_kinds.def"
    ;
const char* action_kind_name(ActionKind k);
// Weakly fair under spec section 4's Termination (actions 8 to 14 and 17).
bool is_fair_kind(ActionKind k);
// What a trace label takes after the kind's name, e.g. "GUEST MSG" (spec section 6).
const char* action_kind_operands(ActionKind k);

// One action instance; its index in LgrModel::actions() is its canonical rank.
struct ActionInstance {
  ActionKind kind;
  int guest = kNone;    // per-guest kinds
  int request = kNone;  // Move
  int a = kNone;        // MemberFails: the member; LinkFails: a < b
  int b = kNone;
};

using ActionIndex = uint16_t;

class LgrModel {
 public:
  // Throws ConfigError when the state would not fit the packed layout.
  LgrModel(Config cfg, VariantSet variants);

  const Config& config() const { return cfg_; }
  VariantSet variants() const { return variants_; }
  const StateLayout& layout() const { return L_; }
  size_t state_words() const { return L_.words; }
  const std::vector<ActionInstance>& actions() const { return actions_; }

  void initial(Word* out) const;
  void decode(const Word* s, StateVars& v) const;
  StateVars decode(const Word* s) const {
    StateVars v;
    decode(s, v);
    return v;
  }
  void encode(const StateVars& v, Word* out) const;

  // Calls emit(ActionIndex, const Word* next) for every enabled action
  // instance, in canonical order. `v` must be decode(s).
  template <class Emit>
  void successors(const Word* s, const StateVars& v, Emit&& emit) const;
  template <class Emit>
  void successors(const Word* s, Emit&& emit) const {
    successors(s, decode(s), emit);
  }

  // The trace label of spec section 6, e.g. "SrcReceive LGRLIN21 CREATED";
  // message names are read from the state the action is taken in.
  std::string label(ActionIndex a, const StateVars& pre) const;

  // used(m): storage held on m by instances (spec section 1); with
  // `reserving_only_running` the no-reservation variant's count.
  int64_t used(const StateVars& v, int m, bool reserving_only_running = false) const;
  bool stable(const StateVars& v) const;
  // The episode's destination, or kNone without an episode.
  int dest(const GuestVars& gv) const { return gv.cur == kNone ? kNone : cfg_.requests[gv.cur].to; }

 private:
  struct Ctx;  // the successor under construction (model/successors.hpp)

  Config cfg_;
  VariantSet variants_;
  StateLayout L_;
  std::vector<ActionInstance> actions_;
  // Per request: static eligibility (fixed for the run) and local index.
  std::vector<bool> static_ok_;
  std::vector<int> local_index_;
  std::vector<std::vector<int>> guest_requests_;  // guest -> global request indexes
  std::vector<ActionIndex> first_of_kind_;        // ActionKind -> first index
  int M_ = 0, K_ = 0;
};

}  // namespace lgr

#include "model/successors.hpp"
