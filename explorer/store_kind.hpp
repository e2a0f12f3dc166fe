// The storage strategies of the visited set, one name each. The engine is
// compiled once per strategy (a template argument), so choosing one costs
// no branch and no virtual call per state.
#pragma once

#include <optional>
#include <string_view>

namespace explorer {

enum class StoreKind {
  Table,           // exact: whole states in an arena, indexed by an open-addressing table
  Tree,            // exact: states folded into a tree of unique pairs (Laarman et al., SPIN 2011)
  HashCompaction,  // 63-bit fingerprints: a collision may hide a state
  Bitstate,        // k bits per state in a bit array (supertrace): may hide states, never a proof
};

inline const char* store_name(StoreKind k) {
  switch (k) {
    case StoreKind::Table: return "table";
    case StoreKind::Tree: return "tree";
    case StoreKind::HashCompaction: return "hash-compaction";
    case StoreKind::Bitstate: return "bitstate";
  }
  return "?";
}

inline std::optional<StoreKind> parse_store(std::string_view name) {
  for (StoreKind k : {StoreKind::Table, StoreKind::Tree, StoreKind::HashCompaction, StoreKind::Bitstate})
    if (name == store_name(k)) return k;
  return std::nullopt;
}

// Whether a store keeps every state it was given, so "pass" is a proof.
inline bool store_is_exact(StoreKind k) { return k == StoreKind::Table || k == StoreKind::Tree; }

}  // namespace explorer
