#include "counterexamples/sequence_chart.hpp"

#include <fmt/format.h>

#include <deque>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "counterexamples/witness.hpp"
#include "properties/property.hpp"

namespace lgr {
namespace {

class ChartBuilder {
 public:
  ChartBuilder(const LgrModel& m, const Trace& t, const ReplayResult& r) : m_(m), cfg_(m.config()), t_(t), r_(r) {}

  SequenceChart run() {
    lanes();
    rows();
    initial_row();
    for (size_t i = 0; i < r_.trace.size(); ++i)
      for (const StepEvent& e : r_.trace[i].events) event(e, static_cast<int>(i) + 1);
    in_flight();
    bands();
    verdict();
    c_.final_state = guest_whereabouts(m_, r_.final_state, std::vector<int>(guests_.begin(), guests_.end()));
    c_.witnesses = r_.witnesses;
    c_.guest_count = static_cast<int>(guests_.size());
    return std::move(c_);
  }

 private:
  int lane_of(int member) const { return member == kNone ? 0 : member_lane_.at(member); }
  int ownership_lane() const { return static_cast<int>(c_.lanes.size()) - 1; }
  const std::string& guest(int g) const { return cfg_.guests[g].name; }
  // Boxes name the guest only when the chart shows more than one.
  std::string who(int g, const char* sep) const { return guests_.size() > 1 ? guest(g) + sep : ""; }
  void box(BoxStyle s, int lane, int row, std::string text, std::string tooltip) {
    c_.boxes.push_back({s, lane, row, std::move(text), std::move(tooltip), seq_});
  }
  void arrow(ArrowStyle s, int from, int to, int from_row, int to_row, std::string label, std::string tooltip,
             int send_seq, int guest = kNone) {
    c_.arrows.push_back({s, from, to, from_row, to_row, std::move(label), std::move(tooltip), seq_, send_seq, guest});
  }

  // The members and guests the trace touches; the others would only widen the chart.
  void lanes() {
    std::set<int> members;
    for (const auto& s : r_.trace)
      for (const auto& e : s.events) {
        if (e.guest != kNone) guests_.insert(e.guest);
        if (e.member != kNone) members.insert(e.member);
        if (e.peer != kNone) members.insert(e.peer);
      }
    if (guests_.empty())
      for (int g = 0; g < static_cast<int>(cfg_.guests.size()); ++g) guests_.insert(g);
    for (int g : guests_) members.insert(r_.initial.g[g].own);
    c_.lanes.push_back({LaneKind::Operator, kNone, "operator"});
    for (int m : members) {
      member_lane_[m] = static_cast<int>(c_.lanes.size());
      c_.lanes.push_back({LaneKind::Member, m, cfg_.members[m].name + " CP"});
    }
    c_.lanes.push_back({LaneKind::Ownership, kNone, "ownership record"});
  }

  void rows() {
    const std::string name = t_.path.empty() ? "trace" : std::filesystem::path(t_.path).filename().string();
    const auto variants = m_.variants().names();
    c_.title = fmt::format("{}: {} steps", name, r_.steps);
    std::vector<std::string> names;
    for (int g : guests_) names.push_back(guest(g));
    c_.subtitle = fmt::format("config {}{}, guest {}", cfg_.name.empty() ? cfg_.path : cfg_.name,
                              variants.empty() ? "" : fmt::format(", variant {}", fmt::join(variants, ", ")),
                              fmt::join(names, ", "));
    c_.rows.push_back({"initial state", {}});
    for (const auto& s : r_.trace) c_.rows.push_back({s.label, s.changes});
    if (r_.divergence && r_.divergence->step <= t_.steps.size())
      c_.rows.push_back({t_.steps[r_.divergence->step - 1].label + " (not enabled)", {r_.divergence->reason}});
  }

  void initial_row() {
    for (int g : guests_) {
      const GuestVars& gv = r_.initial.g[g];
      for (const auto& [m, lane] : member_lane_)
        if (gv.inst[m] != I_NONE)
          box(BoxStyle::State, lane, 0, fmt::format("{} {}", guest(g), inst_name(gv.inst[m])),
              fmt::format("{} is {} on {}", guest(g), inst_name(gv.inst[m]), cfg_.members[m].name));
      box(BoxStyle::State, ownership_lane(), 0, fmt::format("{}: {}", guest(g), cfg_.members[gv.own].name),
          fmt::format("the ownership record names {} for {}", cfg_.members[gv.own].name, guest(g)));
    }
  }

  using ChannelKey = std::tuple<int, int, int>;  // guest, sender, receiver
  struct Pending {
    int row;
    std::string label;
    int seq;
  };

  void event(const StepEvent& e, int row) {
    ++seq_;
    const int lane = lane_of(e.member);
    const ChannelKey key{e.guest, e.member, e.peer};
    switch (e.kind) {
      case EventKind::Command:
        arrow(ArrowStyle::Command, 0, lane, row, row, e.detail, e.text, seq_);
        break;
      case EventKind::MessageSent:
        pending_[key].push_back({row, e.detail, seq_});
        break;
      case EventKind::MessageReceived: {
        const Pending sent = take(ChannelKey{e.guest, e.peer, e.member}, row);
        arrow(ArrowStyle::Message, lane_of(e.peer), lane, sent.row, row, e.detail, e.text, sent.seq, e.guest);
        break;
      }
      case EventKind::MessageLost: {
        const Pending sent = take(key, row);
        arrow(ArrowStyle::Lost, lane, lane_of(e.peer), sent.row, row, e.detail + " lost", e.text, sent.seq, e.guest);
        break;
      }
      case EventKind::MessageDropped:
        arrow(ArrowStyle::Dropped, lane, lane_of(e.peer), row, row, e.detail + " dropped", e.text, seq_, e.guest);
        break;
      case EventKind::InstanceChanged:
        box(BoxStyle::State, lane, row, who(e.guest, ": ") + e.detail, e.text);
        break;
      case EventKind::ImageNote:
        box(e.detail == "image complete" ? BoxStyle::State : BoxStyle::Ghost, lane, row, e.detail, e.text);
        break;
      case EventKind::OwnerChanged:
        arrow(ArrowStyle::Record, lane, ownership_lane(), row, row, "commit",
              fmt::format("{} commits: it writes {} as the owner of {} in the ownership record",
                          cfg_.members[e.member].name, cfg_.members[e.peer].name, guest(e.guest)),
              seq_);
        box(BoxStyle::State, ownership_lane(), row, fmt::format("{}: {}", guest(e.guest), e.detail), e.text);
        break;
      case EventKind::RelocationChanged:
        box(BoxStyle::Relocation, lane, row,
            e.detail.rfind("pass", 0) == 0 ? who(e.guest, " ") + e.detail : "rs " + who(e.guest, ": ") + e.detail,
            e.text);
        break;
      case EventKind::EpisodeEnded:
        box(BoxStyle::Relocation, lane, row, who(e.guest, " ") + "relocation ends", e.text);
        break;
      case EventKind::GuestActivity:
        box(BoxStyle::Guest, lane, row, fmt::format("{} {}", guest(e.guest), e.detail), e.text);
        break;
      case EventKind::Timer:
        box(BoxStyle::Timer, lane, row, who(e.guest, " ") + e.detail, e.text);
        break;
      case EventKind::Timeout:
        box(BoxStyle::Timeout, lane, row, fmt::format("timeout: {}", e.detail), e.text);
        break;
      case EventKind::PeerDownDetected:
        box(BoxStyle::Fault, lane, row, fmt::format("finds {} down", cfg_.members[e.peer].name), e.text);
        break;
      case EventKind::MemberFailed:
        box(BoxStyle::Fault, lane, row, fmt::format("{} fails", cfg_.members[e.member].name), e.text);
        c_.lanes[lane].failed_at_row = row;
        break;
      case EventKind::LinkFailed:
        c_.link_faults.push_back({lane, lane_of(e.peer), row, seq_});
        break;
      case EventKind::GuestLost:
        box(BoxStyle::Ghost, e.member == kNone ? ownership_lane() : lane, row, fmt::format("{} lost", guest(e.guest)),
            e.text);
        break;
      case EventKind::BadImage:
      case EventKind::BadCommit:
        box(BoxStyle::Ghost, e.member == kNone ? ownership_lane() : lane, row, e.detail, e.text);
        break;
    }
  }

  // The oldest message queued from sender to receiver (the channels are FIFO).
  Pending take(const ChannelKey& key, int row) {
    auto& q = pending_[key];
    if (q.empty()) return {row, "", seq_};
    Pending p = q.front();
    q.pop_front();
    return p;
  }

  void in_flight() {
    const int end = static_cast<int>(c_.rows.size());
    for (const auto& [key, q] : pending_) {
      const auto& [g, from, to] = key;
      for (const Pending& p : q)
        arrow(ArrowStyle::InFlight, lane_of(from), lane_of(to), p.row, end, p.label + " (in flight)",
              fmt::format("message {} of {} still queued {} -> {} when the trace ends", p.label, guest(g),
                          cfg_.members[from].name, cfg_.members[to].name),
              p.seq, g);
    }
  }

  void bands() {
    std::vector<const StateVars*> states{&r_.initial};
    for (const auto& s : r_.trace) states.push_back(&s.after);
    for (int g : guests_)
      for (const auto& [m, lane] : member_lane_) {
        int start = -1;
        for (int row = 0; row <= static_cast<int>(states.size()); ++row) {
          const bool q = row < static_cast<int>(states.size()) && states[row]->g[g].inst[m] == I_QUIESCED;
          if (q && start < 0) start = row;
          if (!q && start >= 0) {
            c_.bands.push_back({lane, start, row - 1, fmt::format("{} quiesced", guest(g))});
            start = -1;
          }
        }
      }
  }

  void verdict() {
    for (const auto& v : r_.violations)
      c_.verdict.push_back({fmt::format("violated: {} ({})", v, property_info(*parse_property(v)).meaning), true});
    if (r_.divergence) c_.verdict.push_back({"replay diverged: " + r_.divergence->reason, true});
    const bool lasso = t_.loop_start && r_.loop_closed && !r_.divergence;
    if (lasso) {
      const std::size_t n = *t_.loop_start;
      c_.cycle_first_row = static_cast<int>(n) + 1;
      c_.verdict.push_back(
          {n == r_.steps ? fmt::format("lasso: after step {} no fair action is enabled; the path stays there forever", n)
                         : fmt::format("lasso: steps {} to {} repeat forever (the bracket on the right)", n + 1, r_.steps),
           false});
      // A liveness violation is as bad as any other: red, named like one.
      if (t_.expect_violation && r_.expect_met)
        if (const auto id = parse_property(*t_.expect_violation); id && property_info(*id).kind == PropertyKind::Liveness)
          c_.verdict.push_back(
              {fmt::format("violated: {} ({})", *t_.expect_violation, property_info(*id).meaning), true});
    }
    c_.verdict.push_back({r_.expect_message, !r_.expect_met});
  }

  const LgrModel& m_;
  const Config& cfg_;
  const Trace& t_;
  const ReplayResult& r_;
  SequenceChart c_;
  std::set<int> guests_;
  std::map<int, int> member_lane_;
  std::map<ChannelKey, std::deque<Pending>> pending_;
  int seq_ = 0;
};

}  // namespace

const char* guest_colour(int guest) {
  static constexpr const char* kColours[] = {"#1f4e79", "#2e7d32", "#8e44ad", "#b9770e",
                                             "#117a65", "#6d4c41", "#ad1457", "#34495e"};
  return guest < 0 ? "#333333" : kColours[guest % 8];
}

SequenceChart build_sequence_chart(const LgrModel& model, const Trace& trace, const ReplayResult& replay) {
  return ChartBuilder(model, trace, replay).run();
}

}  // namespace lgr
