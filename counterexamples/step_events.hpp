// What one step changed, in z/VM terms: "LGRLIN21 on GDLLCPX1: SHADOW ->
// READY", "ownership of LGRLIN21: GDLLCPX2 -> GDLLCPX1", "message CREATED
// queued GDLLCPX1 -> GDLLCPX2". Read off the states before and after the
// step, so replay output and pictures show what the model did, not what a
// second copy of its rules thinks it did.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/lgr_model.hpp"

namespace lgr {

enum class EventKind : uint8_t {
  Command,            // operator command; member: the CP it is issued on
  GuestActivity,      // the guest changes pages or eligibility; member: where it runs
  MessageReceived,    // member: receiver, peer: sender
  MessageSent,        // queued; member: sender, peer: receiver
  MessageLost,        // queued earlier, thrown away by a failure; member: sender, peer: receiver
  MessageDropped,     // sent while the peer was unreachable, never queued; member: sender
  InstanceChanged,    // member: where; detail "SHADOW -> READY"
  OwnerChanged,       // member: old owner, peer: new owner
  RelocationChanged,  // member: the source; detail "INIT -> MEMORY"
  EpisodeEnded,       // member: the source
  PeerDownDetected,   // member: the CP that notices, peer: the CP it lost
  MemberFailed,       // member
  LinkFailed,         // member, peer
  Timer,              // a relocation timer advanced; member: the source
  Timeout,            // a timer cancelled the relocation; member: the source
  GuestLost,          // ghost: the guest died with `member`
  ImageNote,          // the destination's image is (in)complete; member: destination
  BadImage,           // ghost: resumed from an incomplete image; member: where
  BadCommit,          // ghost: committed while ineligible; member: the source
};

struct StepEvent {
  EventKind kind;
  int guest = kNone;
  int member = kNone;
  int peer = kNone;
  std::string detail;  // message name, "SHADOW -> READY", ...: the short form for pictures
  std::string text;    // the whole sentence
};

// The events of taking `action` from `pre` to `post`; without an action, the
// differences between two states (the end of a lasso that does not close).
std::vector<StepEvent> step_events(const LgrModel& model, std::optional<ActionIndex> action, const StateVars& pre,
                                   const StateVars& post);

// The messages of a channel, head first; STATE shows its bit: "STATE(full)".
std::vector<std::string> channel_messages(uint64_t channel, bool source_to_destination);

}  // namespace lgr
