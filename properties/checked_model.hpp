// The LGR model as the explorer sees it: successors plus the state
// properties, evaluated on one decoding of the state.
#pragma once

#include "explorer/model_interface.hpp"
#include "model/lgr_model.hpp"
#include "properties/state_check.hpp"

namespace lgr {

class CheckedModel {
 public:
  explicit CheckedModel(const LgrModel& model) : model_(model), check_(model) {}

  const LgrModel& model() const { return model_; }
  std::size_t state_words() const { return model_.state_words(); }
  void initial(explorer::StateWord* out) const { model_.initial(out); }

  template <class Sink>
  explorer::LabelMask expand(const explorer::StateWord* s, Sink&& sink) const {
    // Decoding into the thread's scratch variables spares clearing a fresh
    // StateVars (some 600 bytes) per state: decode() writes every variable
    // that is read. A nested call (a sink that expands) gets its own.
    thread_local StateVars scratch;
    thread_local bool busy = false;
    if (busy) {
      StateVars v;
      return expand_decoded(s, v, sink);
    }
    busy = true;
    struct Release {
      bool& flag;
      ~Release() { flag = false; }
    } release{busy};
    return expand_decoded(s, scratch, sink);
  }

 private:
  template <class Sink>
  explorer::LabelMask expand_decoded(const explorer::StateWord* s, StateVars& v, Sink&& sink) const {
    model_.decode(s, v);
    bool any = false;
    model_.successors(s, v, [&](ActionIndex a, const Word* next) {
      any = true;
      sink(static_cast<explorer::ActionId>(a), next);
    });
    return check_.evaluate(v, any);
  }

  const LgrModel& model_;
  StateCheck check_;
};

static_assert(explorer::ExplorableModel<CheckedModel>);

}  // namespace lgr
