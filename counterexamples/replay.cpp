#include "counterexamples/replay.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "counterexamples/action_label.hpp"
#include "counterexamples/state_json.hpp"
#include "counterexamples/witness.hpp"
#include "model/guard_explanation.hpp"
#include "properties/invariants.hpp"
#include "properties/liveness.hpp"
#include "properties/property.hpp"

namespace lgr {
namespace {

using Words = std::vector<Word>;

std::vector<ActionIndex> enabled_actions(const LgrModel& m, const Words& s) {
  std::vector<ActionIndex> out;
  m.successors(s.data(), [&](ActionIndex a, const Word*) { out.push_back(a); });
  return out;
}

// A label's message against the head it would receive: "the head of the
// source-to-destination channel is MEM", or "" when they agree.
std::string message_mismatch(const LgrModel& m, ActionIndex a, const ActionLabel& label, const StateVars& v) {
  const ActionInstance& ai = m.actions()[a];
  if (ai.kind != ActionKind::SrcReceive && ai.kind != ActionKind::DstReceive) return "";
  const bool sd = ai.kind == ActionKind::DstReceive;
  const int head = channel_head(sd ? v.g[ai.guest].c_sd : v.g[ai.guest].c_ds);
  const std::string actual = sd ? sd_msg_name(head) : ds_msg_name(head);
  if (actual == label.message) return "";
  return fmt::format("the head of the {} channel is {}", sd ? "source-to-destination" : "destination-to-source",
                     actual);
}

class Replayer {
 public:
  Replayer(const LgrModel& m, const Trace& t) : m_(m), t_(t) {}

  ReplayResult run() {
    Words cur(m_.state_words());
    m_.initial(cur.data());
    StateVars v = m_.decode(cur.data());
    r_.initial = v;
    states_.push_back(cur);
    for (size_t i = 0; i < t_.steps.size() && !r_.divergence; ++i) {
      if (!step(i, cur, v)) break;
      states_.push_back(cur);
    }
    r_.final_state = v;
    r_.violations = violations(cur, v);
    if (t_.loop_start && !r_.divergence) close_loop(cur, v);
    judge_expectation();
    r_.ok = !r_.divergence && r_.expect_met;
    r_.witnesses = replay_witnesses(m_, t_, r_);
    return std::move(r_);
  }

 private:
  [[noreturn]] void bad_label(const TraceStep& st, const std::string& why) const {
    throw TraceError(fmt::format("{}:{}: step '{}': {}", t_.path.empty() ? "<trace>" : t_.path, st.line, st.label,
                                 why));
  }

  bool step(size_t i, Words& cur, StateVars& v) {
    const TraceStep& st = t_.steps[i];
    ActionLabel label;
    ActionIndex a = 0;
    try {
      label = parse_action_label(st.label);
      a = resolve_action_label(m_, label);
    } catch (const std::invalid_argument& e) {
      bad_label(st, e.what());
    }
    Words next;
    m_.successors(cur.data(), v, [&](ActionIndex b, const Word* n) {
      if (b == a) next.assign(n, n + m_.state_words());
    });
    std::string why;
    if (next.empty())
      why = guard_failure(m_, a, v).value_or("the model offers no such transition (its guard explanation disagrees)");
    else
      why = message_mismatch(m_, a, label, v);
    if (!why.empty()) {
      r_.divergence = ReplayDivergence{i + 1, st.line, fmt::format("step {}: {} is not enabled: {}", i + 1, st.label, why)};
      return false;
    }
    const StateVars after = m_.decode(next.data());
    ReplayStep rs;
    rs.label = st.label;
    rs.action = a;
    rs.after = after;
    rs.events = step_events(m_, a, v, after);
    for (const auto& e : rs.events) rs.changes.push_back(e.text);
    r_.trace.push_back(std::move(rs));
    actions_.push_back(a);
    cur = std::move(next);
    v = after;
    ++r_.steps;
    return true;
  }

  std::vector<std::string> violations(const Words& s, const StateVars& v) const {
    const explorer::LabelMask bad = violated_invariants(m_, v);
    std::vector<std::string> out;
    for (const auto& p : all_properties())
      if (p.kind == PropertyKind::Invariant && (bad & property_bit(p.id))) out.emplace_back(p.name);
    if (!no_deadlock(m_, v, !enabled_actions(m_, s).empty()))
      out.emplace_back(property_info(PropertyId::NoDeadlock).name);
    return out;
  }

  void close_loop(const Words& cur, const StateVars& v) {
    const size_t n = *t_.loop_start;
    if (states_[n] == cur) return;
    r_.loop_closed = false;
    std::vector<std::string> diff = state_differences(m_, m_.decode(states_[n].data()), v);
    if (diff.size() > 3) {
      const size_t more = diff.size() - 3;
      diff.resize(3);
      diff.push_back(fmt::format("and {} more", more));
    }
    r_.divergence = ReplayDivergence{
        t_.steps.size(), t_.loop_line,
        fmt::format("loop {}: the last state is not the state after step {} ({})", n, n, fmt::join(diff, "; "))};
  }

  // Weak fairness of actions 8 to 14 and 17 on the cycle of the lasso: a fair
  // action enabled in every state of the cycle must be taken in it.
  std::string unfairness() const {
    const size_t n = *t_.loop_start, last = states_.size() - 1;
    const size_t end = n == last ? n + 1 : last;  // a stuttering cycle is the last state alone
    std::vector<ActionIndex> taken(actions_.begin() + n, actions_.end());
    std::vector<ActionIndex> always = enabled_actions(m_, states_[n]);
    for (size_t i = n + 1; i < end; ++i) {
      const std::vector<ActionIndex> here = enabled_actions(m_, states_[i]);
      std::erase_if(always, [&](ActionIndex a) { return std::find(here.begin(), here.end(), a) == here.end(); });
    }
    for (ActionIndex a : always) {
      if (!is_fair_kind(m_.actions()[a].kind) || std::find(taken.begin(), taken.end(), a) != taken.end()) continue;
      return fmt::format("{} is enabled in every state of the cycle but never taken",
                         m_.label(a, m_.decode(states_[n].data())));
    }
    return "";
  }

  // The guest whose relocation never ends on the cycle (for SyncAnswered: a
  // SYNC one), or kNone.
  int stuck_guest(bool sync_only) const {
    const size_t n = *t_.loop_start;
    for (size_t g = 0; g < m_.config().guests.size(); ++g) {
      bool stuck = true;
      for (size_t i = n; i < states_.size() && stuck; ++i) {
        const GuestVars gv = m_.decode(states_[i].data()).g[g];
        stuck = gv.rs != RS_NONE && (!sync_only || m_.config().requests[gv.cur].sync);
      }
      if (stuck) return static_cast<int>(g);
    }
    return kNone;
  }

  std::pair<bool, std::string> liveness(PropertyId id, const std::string& p) const {
    if (!t_.loop_start) return {false, fmt::format("{} is a liveness property: its counterexample needs a 'loop N' line", p)};
    const size_t n = *t_.loop_start;
    if (const std::string unfair = unfairness(); !unfair.empty())
      return {false, fmt::format("the cycle after step {} is not fair: {}", n, unfair)};
    const int g = stuck_guest(id == PropertyId::SyncAnswered);
    if (g == kNone) return {false, fmt::format("every relocation ends on the cycle after step {}", n)};
    const std::string& G = m_.config().guests[g].name;
    if (n == r_.steps)  // a stuttering cycle: nothing fair can move the path on
      return {true, fmt::format("after step {} no fair action is enabled and the relocation of {} never ends", n, G)};
    return {true, fmt::format("the cycle after step {} is fair and the relocation of {} never ends on it", n, G)};
  }

  void judge_expectation() {
    if (!t_.expect_violation && !t_.expect_ok) {
      r_.expect_met = true;
      r_.expect_message = "no expect line";
      return;
    }
    const std::string what = t_.expect_ok ? "expect ok" : "expect violation " + *t_.expect_violation;
    if (r_.divergence) {
      r_.expect_met = false;
      r_.expect_message = what + ": not evaluated, the replay diverged";
      return;
    }
    std::string why;
    if (t_.expect_ok) {
      r_.expect_met = r_.violations.empty();
      why = r_.expect_met ? "every invariant holds in the last state"
                          : fmt::format("false in the last state: {}", fmt::join(r_.violations, ", "));
    } else {
      const std::string& p = *t_.expect_violation;
      const PropertyId id = *parse_property(p);
      if (property_info(id).kind == PropertyKind::Liveness) {
        std::tie(r_.expect_met, why) = liveness(id, p);
      } else {
        r_.expect_met = std::find(r_.violations.begin(), r_.violations.end(), p) != r_.violations.end();
        why = r_.expect_met ? p + " is false in the last state" : p + " holds in the last state";
      }
    }
    r_.expect_message = fmt::format("{}: {} ({})", what, r_.expect_met ? "met" : "not met", why);
  }

  const LgrModel& m_;
  const Trace& t_;
  ReplayResult r_;
  std::vector<Words> states_;         // states_[i]: after step i (0: initial)
  std::vector<ActionIndex> actions_;  // actions_[i]: step i + 1
};

}  // namespace

ReplayResult replay(const LgrModel& model, const Trace& trace) { return Replayer(model, trace).run(); }

ReplayInput load_replay_input(const std::string& trace_path, const std::string& config_override,
                              const std::vector<std::string>& extra_variants) {
  Trace trace = load_trace(trace_path);
  std::string config = config_override;
  if (config.empty()) {
    if (trace.config.empty())
      throw TraceError(fmt::format("{}: no 'config' line; name the configuration with --config", trace_path));
    config = (std::filesystem::path(trace_path).parent_path() / trace.config).lexically_normal().string();
  }
  std::vector<std::string> names = trace.variants;
  names.insert(names.end(), extra_variants.begin(), extra_variants.end());
  VariantSet variants;
  try {
    variants = parse_variants(names);
  } catch (const std::invalid_argument& e) {
    throw TraceError(fmt::format("{}: {}", trace_path, e.what()));
  }
  Config cfg;
  try {
    cfg = load_config(config);
  } catch (const ConfigFileError& e) {
    // The trace named it: say where, so the `config` line can be fixed.
    if (!config_override.empty()) throw;
    throw TraceError(fmt::format("{}:{}: config {}: {}", trace_path, trace.config_line, trace.config,
                                 e.reason));
  }
  LgrModel model(std::move(cfg), variants);
  return ReplayInput{std::move(trace), config, std::move(model)};
}

ReplayResult replay_file(const std::string& trace_path, const std::string& config_override,
                         const std::vector<std::string>& extra_variants) {
  const ReplayInput in = load_replay_input(trace_path, config_override, extra_variants);
  return replay(in.model, in.trace);
}

nlohmann::json replay_json(const LgrModel& model, const ReplayResult& r) {
  using nlohmann::json;
  json j;
  j["ok"] = r.ok;
  j["steps"] = r.steps;
  j["violations"] = r.violations;
  j["expect_met"] = r.expect_met;
  j["expect"] = r.expect_message;
  j["loop_closed"] = r.loop_closed;
  j["divergence"] = r.divergence ? json{{"step", r.divergence->step}, {"line", r.divergence->line},
                                        {"reason", r.divergence->reason}}
                                 : json(nullptr);
  json steps = json::array();
  for (size_t i = 0; i < r.trace.size(); ++i)
    steps.push_back({{"step", i + 1}, {"label", r.trace[i].label}, {"changes", r.trace[i].changes}});
  j["trace"] = steps;
  json witness = json::object();
  for (const auto& w : r.witnesses) witness[w.property] = w.lines;
  j["witness"] = witness;
  j["final_state"] = state_json(model, r.final_state);
  return j;
}

}  // namespace lgr
