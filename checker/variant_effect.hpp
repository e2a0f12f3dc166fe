// Whether a variant's broken rule ever mattered: for each variant of the
// model, the transitions of the reached states where its rule made a
// difference, i.e. where the successor differs from (or exists under only
// one of) the same model without that variant. Zero means the check of the
// variant tested nothing the canonical model does not. Counted after the
// search over the stored states (two expansions of each), so only with
// --variant and in exact mode.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "explorer/state_store.hpp"
#include "model/lgr_model.hpp"

namespace lgr {

struct VariantEffect {
  std::string variant;       // command-line name
  uint64_t transitions = 0;  // where its rule made a difference
};

// One entry per variant of `model`, in canonical order; empty without
// variants or when the store keeps no states (hash compaction).
std::vector<VariantEffect> count_variant_effects(const LgrModel& model, const explorer::StateStore& store,
                                                 int threads);

// The transitions of state s where `with` and `without` differ.
uint64_t differing_transitions(const LgrModel& with, const LgrModel& without, const Word* s);

}  // namespace lgr
