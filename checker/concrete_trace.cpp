#include "checker/concrete_trace.hpp"

#include <algorithm>
#include <stdexcept>

namespace lgr {

std::vector<explorer::PathStep> concrete_path(const LgrModel& model, const GuestCanonicalizer& canon,
                                              const std::vector<explorer::PathStep>& representatives) {
  std::vector<explorer::PathStep> path;
  if (representatives.empty()) return path;
  const std::size_t words = model.state_words();
  std::vector<Word> state(words), form(words);
  model.initial(state.data());
  auto represents = [&](const Word* s, const std::vector<explorer::StateWord>& rep) {
    std::copy_n(s, words, form.begin());
    canon.canonicalize(form.data());
    return std::equal(form.begin(), form.end(), rep.begin(), rep.end());
  };
  if (!represents(state.data(), representatives[0].state))
    throw std::logic_error("symmetry: the initial state is not in the first representative's orbit");
  path.push_back({representatives[0].action, state});
  for (std::size_t i = 1; i < representatives.size(); ++i) {
    bool found = false;
    model.successors(state.data(), [&](ActionIndex a, const Word* next) {
      if (found || !represents(next, representatives[i].state)) return;
      found = true;
      path.push_back({static_cast<explorer::ActionId>(a), std::vector<explorer::StateWord>(next, next + words)});
    });
    if (!found)
      throw std::logic_error("symmetry: no successor of step " + std::to_string(i - 1) +
                             " lies in the next representative's orbit");
    state = path.back().state;
  }
  return path;
}

}  // namespace lgr
