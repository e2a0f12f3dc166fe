// The quotient of the checked model by guest symmetry (model/symmetry.hpp):
// the initial state and every successor are replaced by their canonical
// form before the engine sees them, so any engine, store and thread count
// explores one representative per orbit without knowing it.
//
// Sound for the state properties because the group is an automorphism of
// the transition system (interchangeable guests have equal attributes and
// requests, and every action treats guests alike) and every invariant,
// NoDeadlock and every sanity goal quantifies over all guests alike: a
// state carries a label exactly when its representative does. The path the
// engine returns is one of representatives; checker/concrete_trace.hpp
// turns it into a path of the model.
#pragma once

#include <algorithm>

#include "explorer/model_interface.hpp"
#include "model/symmetry.hpp"
#include "properties/checked_model.hpp"

namespace lgr {

class SymmetricModel {
 public:
  SymmetricModel(const CheckedModel& inner, const GuestCanonicalizer& canon) : inner_(inner), canon_(canon) {}

  const CheckedModel& inner() const { return inner_; }
  std::size_t state_words() const { return inner_.state_words(); }
  void initial(explorer::StateWord* out) const {
    inner_.initial(out);
    canon_.canonicalize(out);
  }

  template <class Sink>
  explorer::LabelMask expand(const explorer::StateWord* s, Sink&& sink) const {
    const std::size_t words = inner_.state_words();
    return inner_.expand(s, [&](explorer::ActionId a, const explorer::StateWord* next) {
      Word t[kMaxStateWords];
      std::copy_n(next, words, t);
      canon_.canonicalize(t);
      sink(a, static_cast<const explorer::StateWord*>(t));
    });
  }

 private:
  const CheckedModel& inner_;
  const GuestCanonicalizer& canon_;
};

static_assert(explorer::ExplorableModel<SymmetricModel>);

}  // namespace lgr
