// The LGR model as the explorer sees it: successors plus the state
// properties, evaluated on one decoding of the state.
#pragma once

#include "explorer/model_interface.hpp"
#include "model/lgr_model.hpp"
#include "properties/invariants.hpp"
#include "properties/sanity_goals.hpp"

namespace lgr {

class CheckedModel {
 public:
  explicit CheckedModel(const LgrModel& model) : model_(model) {}

  const LgrModel& model() const { return model_; }
  std::size_t state_words() const { return model_.state_words(); }
  void initial(explorer::StateWord* out) const { model_.initial(out); }

  template <class Sink>
  explorer::PropertyMask expand(const explorer::StateWord* s, Sink&& sink) const {
    StateVars v;
    model_.decode(s, v);
    bool any = false;
    model_.successors(s, v, [&](ActionIndex a, const Word* next) {
      any = true;
      sink(static_cast<explorer::ActionId>(a), next);
    });
    explorer::PropertyMask bad = violated_invariants(model_, v);
    if (!no_deadlock(model_, v, any)) bad |= property_bit(PropertyId::NoDeadlock);
    return bad | goals_reached(model_, v);
  }

 private:
  const LgrModel& model_;
};

static_assert(explorer::ExplorableModel<CheckedModel>);

}  // namespace lgr
