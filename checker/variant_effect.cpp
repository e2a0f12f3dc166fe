#include "checker/variant_effect.hpp"

#include <tbb/blocked_range.h>
#include <tbb/info.h>
#include <tbb/parallel_reduce.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstring>

namespace lgr {
namespace {

struct Successors {
  std::vector<ActionIndex> actions;
  std::vector<Word> states;
  void collect(const LgrModel& m, const Word* s) {
    actions.clear();
    states.clear();
    m.successors(s, [&](ActionIndex a, const Word* next) {
      actions.push_back(a);
      states.insert(states.end(), next, next + m.state_words());
    });
  }
};

}  // namespace

uint64_t differing_transitions(const LgrModel& with, const LgrModel& without, const Word* s) {
  thread_local Successors x, y;
  x.collect(with, s);
  y.collect(without, s);
  const std::size_t words = with.state_words();
  // Both lists are in canonical action order: merge them.
  uint64_t differ = 0;
  std::size_t i = 0, j = 0;
  while (i < x.actions.size() || j < y.actions.size()) {
    if (j == y.actions.size() || (i < x.actions.size() && x.actions[i] < y.actions[j])) {
      ++differ, ++i;
    } else if (i == x.actions.size() || y.actions[j] < x.actions[i]) {
      ++differ, ++j;
    } else {
      differ += std::memcmp(&x.states[i * words], &y.states[j * words], words * sizeof(Word)) != 0;
      ++i, ++j;
    }
  }
  return differ;
}

std::vector<VariantEffect> count_variant_effects(const LgrModel& model, const explorer::StateStore& store,
                                                 int threads) {
  std::vector<VariantEffect> effects;
  const VariantSet set = model.variants();
  if (set.empty() || !store.keeps_states()) return effects;  // needs the states themselves
  tbb::task_arena arena(std::max(1, std::min(threads, tbb::info::default_concurrency())));
  for (const VariantInfo& info : all_variants()) {
    if (!set.has(info.variant)) continue;
    VariantSet others;
    for (const VariantInfo& o : all_variants())
      if (o.variant != info.variant && set.has(o.variant)) others.add(o.variant);
    const LgrModel without(model.config(), others);
    const uint64_t n = arena.execute([&] {
      return tbb::parallel_reduce(
          tbb::blocked_range<uint64_t>(0, store.size(), 1024), uint64_t{0},
          [&](const tbb::blocked_range<uint64_t>& r, uint64_t sum) {
            for (uint64_t id = r.begin(); id < r.end(); ++id)
              sum += differing_transitions(model, without, store.state(static_cast<explorer::StateId>(id)));
            return sum;
          },
          [](uint64_t a, uint64_t b) { return a + b; });
    });
    effects.push_back({info.name, n});
  }
  return effects;
}

}  // namespace lgr
