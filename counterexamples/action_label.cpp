#include "counterexamples/action_label.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <sstream>
#include <stdexcept>

#include "model/name_lookup.hpp"

namespace lgr {
namespace {

constexpr int kKindCount = kActionKindCount;

std::vector<std::string> words_of(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

std::vector<std::string> message_names(ActionKind k) {
  if (k == ActionKind::SrcReceive) return {"CREATED", "REFUSED", "ACK_STATE", "CANCEL_REQ", "CANCEL_ACK"};
  return {"CREATE", "MEM", "STATE", "RESUME", "CANCEL"};
}

std::string known_kinds() {
  std::vector<std::string> names;
  for (int k = 0; k < kKindCount; ++k) names.emplace_back(action_kind_name(static_cast<ActionKind>(k)));
  return fmt::format("{}", fmt::join(names, ", "));
}

// "1" -> 1; anything but a positive decimal number -> 0.
int positive_number(const std::string& s) {
  if (s.empty() || s.size() > 6 || s.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoi(s);
}

// Names are stored in upper case; a trace may write them in any case.
template <class Named>
int index_named(const std::vector<Named>& items, const std::string& name, const char* what) {
  const int i = index_of_name(items, name);
  if (i < 0) throw std::invalid_argument(fmt::format("unknown {} '{}' (known: {})", what, name, known_names(items)));
  return i;
}

}  // namespace

std::string normalise_label(const std::string& text) { return fmt::format("{}", fmt::join(words_of(text), " ")); }

ActionLabel parse_action_label(const std::string& text) {
  const std::vector<std::string> w = words_of(text);
  if (w.empty()) throw std::invalid_argument("empty step label");
  ActionLabel l;
  int kind = 0;
  while (kind < kKindCount && w[0] != action_kind_name(static_cast<ActionKind>(kind))) ++kind;
  if (kind == kKindCount)
    throw std::invalid_argument(fmt::format("unknown action '{}' (known: {})", w[0], known_kinds()));
  l.kind = static_cast<ActionKind>(kind);
  const std::string args = action_kind_operands(l.kind);
  const size_t wanted = words_of(args).size();
  if (w.size() != wanted + 1) {
    if (wanted == 0) throw std::invalid_argument(fmt::format("'{}' takes no argument: '{}'", w[0], normalise_label(text)));
    throw std::invalid_argument(fmt::format("'{}' takes {}: '{}'", w[0], args, normalise_label(text)));
  }
  l.names.assign(w.begin() + 1, w.end());
  if (l.kind == ActionKind::SrcReceive || l.kind == ActionKind::DstReceive) {
    l.message = l.names.back();
    l.names.pop_back();
    const auto known = message_names(l.kind);
    if (std::find(known.begin(), known.end(), l.message) == known.end())
      throw std::invalid_argument(fmt::format("unknown message '{}' for {} (known: {})", l.message, w[0],
                                              fmt::join(known, ", ")));
  }
  if (l.kind == ActionKind::Move) {
    // `D#k` may also be a member's whole name (z/VM names may hold `#`); the
    // configuration decides at resolve_action_label.
    const std::string& dest = l.names[1];
    const size_t hash = dest.rfind('#');
    if (hash != std::string::npos && hash > 0) l.request_position = positive_number(dest.substr(hash + 1));
  }
  return l;
}

ActionIndex resolve_action_label(const LgrModel& model, const ActionLabel& l) {
  const Config& cfg = model.config();
  ActionInstance want{l.kind};
  switch (l.kind) {
    case ActionKind::Move: {
      want.guest = index_named(cfg.guests, l.names[0], "guest");
      // Spec section 6: the last token is first a member name taken whole;
      // only when no member has that name is a final `#k` the position.
      std::string dest = l.names[1];
      int position = 0;
      if (l.request_position != 0 && cfg.member_index(dest) < 0) {
        position = l.request_position;
        dest.resize(dest.rfind('#'));
      }
      const int d = index_named(cfg.members, dest, "member");
      std::vector<int> matching;
      for (size_t q = 0; q < cfg.requests.size(); ++q)
        if (cfg.requests[q].guest == want.guest && cfg.requests[q].to == d) matching.push_back(static_cast<int>(q));
      if (matching.empty())
        throw std::invalid_argument(fmt::format("no request moves {} to {}", l.names[0], dest));
      if (position != 0) {
        want.request = position - 1;
        if (std::find(matching.begin(), matching.end(), want.request) == matching.end())
          throw std::invalid_argument(fmt::format("request {} does not move {} to {}", position,
                                                  l.names[0], dest));
      } else if (matching.size() > 1) {
        std::vector<int> positions;
        for (int q : matching) positions.push_back(q + 1);
        throw std::invalid_argument(fmt::format("'Move {} {}' is ambiguous: requests {} move {} to {}; write Move {} {}#{}",
                                                l.names[0], dest, fmt::join(positions, " and "), l.names[0],
                                                dest, l.names[0], dest, positions[0]));
      } else {
        want.request = matching[0];
      }
      break;
    }
    case ActionKind::MemberFails:
      want.a = index_named(cfg.members, l.names[0], "member");
      break;
    case ActionKind::LinkFails: {
      const int a = index_named(cfg.members, l.names[0], "member");
      const int b = index_named(cfg.members, l.names[1], "member");
      if (a == b) throw std::invalid_argument(fmt::format("a link joins two members, not {} to itself", l.names[0]));
      want.a = std::min(a, b);
      want.b = std::max(a, b);
      break;
    }
    case ActionKind::Tick:
      break;
    default:
      want.guest = index_named(cfg.guests, l.names[0], "guest");
  }
  const auto& actions = model.actions();
  for (size_t i = 0; i < actions.size(); ++i) {
    const ActionInstance& a = actions[i];
    if (a.kind == want.kind && a.guest == want.guest && a.request == want.request && a.a == want.a && a.b == want.b)
      return static_cast<ActionIndex>(i);
  }
  throw std::logic_error("label resolved to no action instance");
}

}  // namespace lgr
