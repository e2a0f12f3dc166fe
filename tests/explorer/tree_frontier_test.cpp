// The tree store keeps its frontier as roots (one word a record, unfolded
// when a state is expanded) and prefetches the entries that unfold them a
// depth at a time. The LGR examples have at most two leaves a state; this
// hand-made model of nine words (five leaves, three levels below the root)
// checks deep trees: the tree store numbers every state as the table does,
// at any thread count, with the state size fixed at compile time or not,
// while its indexes grow mid-level.
#include <catch2/catch.hpp>

#include <vector>

#include "explorer/breadth_first_search.hpp"
#include "explorer/state_tree.hpp"

using namespace explorer;

namespace {

// The inverse of an odd a mod 2^64: x = a is right to 3 bits, and each
// Newton step doubles them.
constexpr uint64_t inverse(uint64_t a) {
  uint64_t x = a;
  for (int i = 0; i < 5; ++i) x *= 2 - a * x;
  return x;
}

// Nine independent digits, digit i in [0, kLimit[i]); each stored times an
// odd constant (mod 2^64, undone by its inverse) so that leaves hash as real
// states do. Actions 2i: digit i + 1; 2i + 1: digit i back to 0.
struct DigitsModel {
  static constexpr std::size_t kWords = 9;
  static constexpr uint64_t kLimit[kWords] = {40, 40, 3, 3, 2, 2, 2, 1, 2};
  static constexpr uint64_t kSpread = 0x9e3779b97f4a7c15ULL;
  static constexpr uint64_t kUnspread = inverse(kSpread);
  static_assert(kSpread * kUnspread == 1);
  std::size_t state_words() const { return kWords; }
  void initial(StateWord* out) const {
    for (std::size_t i = 0; i < kWords; ++i) out[i] = 0;
  }
  template <class Sink>
  LabelMask expand(const StateWord* s, Sink&& sink) const {
    StateWord t[kWords];
    for (std::size_t i = 0; i < kWords; ++i) {
      const uint64_t d = s[i] * kUnspread;
      std::copy(s, s + kWords, t);
      if (d + 1 < kLimit[i]) {
        t[i] = (d + 1) * kSpread;
        sink(static_cast<ActionId>(2 * i), t);
      }
      if (d > 0) {
        t[i] = 0;
        sink(static_cast<ActionId>(2 * i + 1), t);
      }
    }
    // A label on a deep state, so that the first violation must agree too.
    return s[0] * kUnspread == 39 && s[2] * kUnspread == 2 ? LabelMask{1} : LabelMask{0};
  }
};
static_assert(ExplorableModel<DigitsModel>);

SearchOptions options(int threads, StoreKind store) {
  SearchOptions o;
  o.threads = threads;
  o.store = store;
  return o;
}

template <std::size_t W>
void expect_tree_as_table(const SearchResult& table_result, const BreadthFirstSearch<DigitsModel>& table) {
  const DigitsModel m;
  for (int threads : {1, 2, 4}) {
    INFO("W " << W << " threads " << threads);
    BreadthFirstSearch<DigitsModel, W> tree(m, options(threads, StoreKind::Tree));
    const SearchResult r = tree.run();
    CHECK(r.complete());
    CHECK(r.states == 230400);
    CHECK(r.transitions == table_result.transitions);
    CHECK(r.depth == table_result.depth);
    CHECK(r.findings[0].first_state == table_result.findings[0].first_state);
    CHECK(r.findings[0].labelled_states == table_result.findings[0].labelled_states);
    REQUIRE(tree.size() == table.size());
    uint64_t mismatches = 0;
    for (StateId id = 0; id < tree.size(); ++id)
      mismatches += tree.store().parent(id) != table.store().parent(id) ||
                    tree.store().action(id) != table.store().action(id);
    CHECK(mismatches == 0);
    // The node index grew from its 4096 slots: over 14,000 nodes.
    CHECK(tree.store().tree().nodes() > 14000);
  }
}

}  // namespace

TEST_CASE("tree store: a nine-word model numbers its states as the table does, at 1, 2 and 4 threads",
          "[stores][tree]") {
  const DigitsModel m;
  BreadthFirstSearch<DigitsModel> table(m, options(1, StoreKind::Table));
  const SearchResult t = table.run();
  REQUIRE(t.states == 230400);  // 40 x 40 x 3 x 3 x 2 x 2 x 2 x 1 x 2
  CHECK(t.depth == 39 + 39 + 2 + 2 + 1 + 1 + 1 + 0 + 1);
  REQUIRE(t.findings[0].found());
  expect_tree_as_table<0>(t, table);
  expect_tree_as_table<9>(t, table);
}

TEST_CASE("tree store: the levels below the root that an unfold reads", "[stores][tree]") {
  // 1-4 words: one or two leaves under the root; 5-8: two levels; 9-16: three.
  const unsigned expected[] = {1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 4};
  for (std::size_t words = 1; words <= 17; ++words) {
    INFO("words " << words);
    CHECK(StateTree(words).depth() == expected[words - 1]);
  }
}
