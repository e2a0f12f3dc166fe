// The action labels of spec section 6 ("DstReceive LGRLIN21 STATE",
// "Move LGRLIN21 GDLLCPX1#2"): their shape, checked when a trace is read, and
// the action instance they name in one configuration, found at replay.
#pragma once

#include <string>
#include <vector>

#include "model/lgr_model.hpp"

namespace lgr {

struct ActionLabel {
  ActionKind kind = ActionKind::Tick;
  std::vector<std::string> names;  // guest and member names, in label order
  // Move G D#k: k (1-based in `requests`) when the last name ends in `#`
  // and digits, 0 otherwise. names[1] keeps the whole `D#k`: it is the
  // request position only if no member is named `D#k` (spec section 6).
  int request_position = 0;
  std::string message;             // SrcReceive / DstReceive: the head message's name
};

// Splits and checks the shape of a label; throws std::invalid_argument with
// the reason in words ("unknown action 'Foo' (known: ...)").
ActionLabel parse_action_label(const std::string& text);

// The label with single spaces between its words.
std::string normalise_label(const std::string& text);

// The action instance the label names in `model`; throws
// std::invalid_argument ("unknown guest 'X' (known: ...)") when the
// configuration has no such instance.
ActionIndex resolve_action_label(const LgrModel& model, const ActionLabel& label);

}  // namespace lgr
