// What a run's store says about what it may have missed, into the result.
#pragma once

#include <cmath>

#include "explorer/search_result.hpp"
#include "explorer/state_store.hpp"

namespace explorer {

inline void record_store_estimates(const StateStore& store, SearchResult& r) {
  r.store = store.kind();
  r.hash_compaction = r.store == StoreKind::HashCompaction;
  if (const ParentSpill* spill = store.spill()) {
    r.spill_dir = spill->dir();
    r.spilled_bytes = spill->bytes_written();
  }
  if (r.hash_compaction) {
    r.fingerprint_bits = store.fingerprint_bits();
    r.collision_probability = fingerprint_collision_probability(r.states, r.fingerprint_bits);
    r.fingerprint_estimate = fingerprint_collision_estimate(r.states, r.transitions + 1, r.fingerprint_bits);
  }
  if (r.store == StoreKind::Bitstate) {
    const BitstateSet& b = store.bitstate();
    r.bitstate_bits = b.bits();
    r.bitstate_hashes = b.hashes();
    r.bitstate_fill = b.fill();
    r.expected_missed = b.expected_missed();
    r.omission_probability = -std::expm1(-r.expected_missed);
  }
}

}  // namespace explorer
