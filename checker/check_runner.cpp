#include "checker/check_runner.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <fmt/ostream.h>
#include <stdexcept>

#include "checker/check_liveness.hpp"
#include "checker/exit_codes.hpp"
#include "checker/resident_memory.hpp"
#include "explorer/distributed_search_any_size.hpp"
#include "explorer/search.hpp"
#include "properties/checked_model.hpp"
#include "properties/symmetric_model.hpp"

namespace lgr {
namespace {

// The deepest breadth-first level checked in full, or null when none was.
nlohmann::json complete_depth_json(const explorer::SearchResult& s) {
  if (s.complete_levels == 0) return nullptr;
  return s.complete_levels - 1;
}

}  // namespace

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Pass: return "pass";
    case Verdict::Fail: return "fail";
    case Verdict::Incomplete: return "incomplete";
    case Verdict::ProbablePass: return "probable pass";
  }
  return "?";
}

int exit_code(Verdict v) {
  switch (v) {
    case Verdict::Pass: return 0;
    case Verdict::Fail: return 1;
    case Verdict::Incomplete: return 3;
    case Verdict::ProbablePass: return 3;  // not a proof
  }
  return 4;
}

const PropertyOutcome* CheckReport::find(PropertyId id) const {
  for (const auto& p : properties)
    if (p.id == id) return &p;
  return nullptr;
}

int exit_code(const CheckReport& r, bool strict) {
  if (strict && r.verdict == Verdict::Pass && !r.warnings.empty()) return exit_status::kStrictWarnings;
  return exit_code(r.verdict);
}

std::string bounds_text(const Bounds& b) {
  return fmt::format("moves {}, cancels {}, member failures {}, link failures {}, eligibility changes {}, passes {}",
                     b.moves, b.cancels, b.member_failures, b.link_failures, b.eligibility_changes, b.passes);
}

std::string fairness_text() {
  std::vector<const char*> fair;
  for (int k = 0; k <= static_cast<int>(ActionKind::Tick); ++k)
    if (is_fair_kind(static_cast<ActionKind>(k))) fair.push_back(action_kind_name(static_cast<ActionKind>(k)));
  return fmt::format("weak fairness for every instance of {} (no other action is ever forced)", fmt::join(fair, ", "));
}

namespace {

// Runs `search` and judges every property. A distributed search's rank
// calls the same collectives as every other (path_to, the sums).
template <class S>
CheckReport judge(const LgrModel& model, S& search, const CheckSettings& settings, explorer::LabelMask checked,
                  const CheckpointWriter* writer) {
  constexpr bool distributed = requires { search.stats(); };  // DistributedSearch reports its spread
  CheckReport r;
  r.config_path = model.config().path;
  r.config_name = model.config().name;
  r.variants = model.variants().names();
  r.search = search.run();
  if constexpr (distributed) r.distributed = search.stats();
  if (writer) {
    r.checkpoint = writer->stats();
    r.checkpoint_dir = settings.checkpoint->dir;
  }
  r.resumed_from = settings.resumed_from;
  r.state_bytes = model.state_words() * sizeof(explorer::StateWord);

  bool violated = false;
  for (const auto& info : all_properties()) {
    if (!(checked & property_bit(info.id))) continue;
    const explorer::LabelFinding& f = r.search.findings[static_cast<int>(info.id)];
    PropertyOutcome o;
    o.id = info.id;
    if (f.found()) {
      violated = true;
      o.holds = false;
      o.trace_length = f.depth;
      o.violating_states = f.labelled_states;
      o.trace = search.path_to(f.first_state);
    }
    r.properties.push_back(std::move(o));
  }
  bool liveness_judged = true;
  if constexpr (!distributed) liveness_judged = add_liveness_outcomes(model, search, settings, r);
  for (const auto& p : r.properties) violated |= !p.holds;
  for (const auto& g : all_goals()) {
    const explorer::LabelFinding& f = r.search.findings[static_cast<int>(g.id)];
    r.goals.push_back({g.id, f.found(), f.depth});
  }
  r.verdict = violated ? Verdict::Fail
              : !(r.search.complete() && liveness_judged)             ? Verdict::Incomplete
              : r.search.store == explorer::StoreKind::Bitstate ? Verdict::ProbablePass
                                                                : Verdict::Pass;
  r.peak_resident_bytes = explorer::peak_resident_bytes();
  r.bounds = model.config().bounds;
  r.fairness = requested_liveness(settings) != 0;
  r.coverage = coverage_report(model, r.search.coverage);
  if (r.search.complete()) r.variant_effects = count_variant_effects(model, search.store(), settings.search.threads);
  if constexpr (distributed) {
    // Every rank counted its own states; the resident memory is the ranks' sum.
    std::vector<uint64_t> sums{r.peak_resident_bytes};
    for (const auto& e : r.variant_effects) sums.push_back(e.transitions);
    settings.network->reduce_all(sums, explorer::RankNetwork::Op::Sum);
    r.peak_resident_bytes = sums[0];
    for (std::size_t i = 0; i < r.variant_effects.size(); ++i) r.variant_effects[i].transitions = sums[i + 1];
  }
  r.warnings = check_warnings(model, r);
  return r;
}

// The search and the judging, over the checked model or its quotient by
// symmetry (properties/symmetric_model.hpp), in one process or as one rank
// of a distributed search.
template <class Explored>
CheckReport run_search(const LgrModel& model, const Explored& explored, const CheckSettings& settings) {
  const explorer::LabelMask checked =
      settings.properties ? (settings.properties & state_properties_mask()) : state_properties_mask();
  explorer::SearchOptions opts = settings.search;
  opts.stop_labels = checked;
  opts.action_groups = action_kind_groups(model);
  if (settings.network) {
    explorer::DistributedSearchAnySize<Explored> search(explored, opts, *settings.network);
    return judge(model, search, settings, checked, nullptr);
  }
  std::shared_ptr<CheckpointWriter> writer;
  if (settings.checkpoint) {
    writer = std::make_shared<CheckpointWriter>(*settings.checkpoint, model.state_words(), opts.store);
    opts.checkpoint_due = [writer](uint32_t depth) { return writer->due(depth); };
    opts.checkpoint = [writer](const explorer::LevelCut& cut) { writer->write(cut); };
  }
  opts.resume = settings.resume;
  explorer::Search<Explored> search(explored, opts);
  return judge(model, search, settings, checked, writer.get());
}

}  // namespace

std::string distributed_refusal(const CheckSettings& settings, int ranks) {
  const auto& o = settings.search;
  if (o.strategy != explorer::Strategy::BreadthFirst)
    return "--distributed runs the breadth-first search; it cannot run with --strategy dfs";
  if (o.store != explorer::StoreKind::Table && o.store != explorer::StoreKind::HashCompaction)
    return std::string("--distributed stores states with --store table or --store hash-compaction, not --store ") +
           explorer::store_name(o.store);
  if (settings.checkpoint || settings.resume)
    return "--distributed keeps no checkpoints yet; it cannot run with --checkpoint or resume";
  if (ranks > 1 && requested_liveness(settings))
    return "--liveness needs the whole state graph in one process; with --distributed it runs on 1 rank only "
           "(this run has " + std::to_string(ranks) + ")";
  return "";
}

CheckReport run_check(const LgrModel& model, const CheckSettings& settings) {
  if (settings.network) {
    if (const std::string why = distributed_refusal(settings, settings.network->ranks()); !why.empty())
      throw std::invalid_argument(why);
    // One rank with liveness: the one-process engine, which keeps the graph.
    if (requested_liveness(settings)) {
      CheckSettings alone = settings;
      alone.network = nullptr;
      return run_check(model, alone);
    }
  }
  CheckedModel checked_model(model);
  if (!settings.symmetry) return run_search(model, checked_model, settings);
  if (requested_liveness(settings)) throw std::invalid_argument(kSymmetryLivenessRefusal);
  const GuestCanonicalizer canon(model, detect_guest_symmetry(model.config()));
  if (canon.symmetry().trivial()) {  // explored exactly as without the option
    CheckReport r = run_search(model, checked_model, settings);
    add_symmetry_report(model, canon, r);
    return r;
  }
  CheckReport r = run_search(model, SymmetricModel(checked_model, canon), settings);
  add_symmetry_report(model, canon, r);
  return r;
}

namespace {

nlohmann::json distributed_json(const explorer::DistributedStats& d, const explorer::SearchResult& s,
                                std::size_t state_bytes) {
  const uint64_t bytes = d.words_sent * 8;
  return {{"ranks", d.ranks},
          {"threads_per_rank", d.threads},
          {"states_per_rank", d.states},
          {"peak_bytes_per_rank", d.peak_bytes},
          {"busiest_rank", d.busiest_rank()},
          {"bytes_sent", bytes},
          {"states_sent", d.states_sent},
          {"numbering_bytes", d.numbering_words * 8},
          {"bytes_per_state_sent", d.states_sent ? double(bytes) / d.states_sent : 0.0},
          {"record_bytes", state_bytes + 8},
          {"bytes_per_transition", s.transitions ? double(bytes) / s.transitions : 0.0},
          {"bytes_per_new_state", s.states ? double(bytes) / s.states : 0.0},
          {"rounds", d.rounds},
          {"exchange_seconds", d.exchange_seconds},
          {"level_exchange_seconds", d.level_exchange_seconds}};
}

}  // namespace

nlohmann::json report_json(const CheckReport& r) {
  using nlohmann::json;
  json j;
  j["config"] = r.config_path;
  j["name"] = r.config_name;
  j["variants"] = r.variants;
  j["verdict"] = verdict_name(r.verdict);
  j["complete"] = r.search.complete();
  j["stop_reason"] = explorer::stop_reason_text(r.search.stop);
  j["states"] = r.search.states;
  j["transitions"] = r.search.transitions;
  j["depth"] = r.search.depth;
  j["terminal_states"] = r.search.terminal_states;
  j["seconds"] = r.search.seconds;
  j["threads"] = r.search.threads;
  j["state_bytes"] = r.state_bytes;
  j["peak_bytes"] = r.search.peak_bytes;
  j["bytes_per_state"] = r.search.states ? double(r.search.peak_bytes) / r.search.states : 0.0;
  j["peak_resident_bytes"] = r.peak_resident_bytes;
  j["strategy"] = explorer::strategy_name(r.search.strategy);
  j["shortest_traces"] = r.search.shortest_traces();
  j["hash_compaction"] = r.search.hash_compaction;
  j["store"] = explorer::store_name(r.search.store);
  if (r.search.hash_compaction) {
    j["collision_probability"] = r.search.collision_probability;
    j["fingerprint_estimate"] = r.search.fingerprint_estimate;
    j["fingerprint_bits"] = r.search.fingerprint_bits;
  }
  if (!r.search.spill_dir.empty()) j["spill"] = {{"folder", r.search.spill_dir}, {"bytes", r.search.spilled_bytes}};
  if (r.search.store == explorer::StoreKind::Bitstate)
    j["bitstate"] = {{"bits", r.search.bitstate_bits},
                     {"hashes", r.search.bitstate_hashes},
                     {"fill", r.search.bitstate_fill},
                     {"expected_missed", r.search.expected_missed},
                     {"omission_probability", r.search.omission_probability}};
  j["states_per_second"] = r.search.seconds > 0 ? r.search.states / r.search.seconds : 0.0;
  json props = json::object();
  for (const auto& p : r.properties) {
    json e;
    e["holds"] = p.holds;
    if (!p.checked) e["checked"] = false;
    if (!p.holds) {
      e["trace_length"] = p.trace_length;
      e["violating_states"] = p.violating_states;
    }
    if (p.loop_start) {
      e["loop_start"] = *p.loop_start;
      e["guest"] = p.guest;
    }
    props[property_info(p.id).name] = e;
  }
  j["properties"] = props;
  if (r.liveness)
    j["liveness"] = {{"seconds", r.liveness->seconds},
                     {"graph_seconds", r.liveness->graph_seconds},
                     {"edges", r.liveness->edges},
                     {"graph_bytes", r.liveness->graph_bytes}};
  json goals = json::object();
  for (const auto& g : r.goals) {
    json e;
    e["reached"] = g.reached;
    if (g.reached) e["depth"] = g.depth;
    goals[property_info(g.id).name] = e;
  }
  j["sanity_goals"] = goals;
  j["bounds"] = {{"moves", r.bounds.moves},
                 {"cancels", r.bounds.cancels},
                 {"member_failures", r.bounds.member_failures},
                 {"link_failures", r.bounds.link_failures},
                 {"eligibility_changes", r.bounds.eligibility_changes},
                 {"passes", r.bounds.passes}};
  if (r.fairness) j["fairness"] = fairness_text();
  if (r.search.shortest_traces()) j["complete_depth"] = complete_depth_json(r.search);
  if (r.coverage.collected) j["coverage"] = coverage_json(r.coverage);
  json effects = json::object();
  for (const auto& e : r.variant_effects) effects[e.variant] = {{"transitions_changed", e.transitions}};
  if (!r.variant_effects.empty()) j["variant_effects"] = effects;
  if (r.checkpoint) {
    j["checkpoint"] = {{"dir", r.checkpoint_dir}, {"written", r.checkpoint->written}};
    if (r.checkpoint->written)
      j["checkpoint"]["last"] = {{"number", r.checkpoint->number},
                                 {"level", r.checkpoint->level},
                                 {"states", r.checkpoint->states},
                                 {"bytes", r.checkpoint->bytes},
                                 {"seconds", r.checkpoint->seconds}};
  }
  if (r.resumed_from) j["resumed_from"] = r.resumed_from;
  json warnings = json::array();
  for (const auto& w : r.warnings) warnings.push_back({{"code", w.code}, {"message", w.message}});
  j["warnings"] = warnings;
  if (r.symmetry) j["symmetry"] = symmetry_json(*r.symmetry);
  if (r.distributed) j["distributed"] = distributed_json(*r.distributed, r.search, r.state_bytes);
  return j;
}

namespace {

// What an approximate store may have missed.
void print_store_estimates(const explorer::SearchResult& s, std::ostream& out) {
  if (s.hash_compaction) {
    fmt::print(out, "  hash compaction: {}-bit fingerprints; probability that a collision hid a state {:.1e}\n",
               s.fingerprint_bits, s.collision_probability);
    fmt::print(out, "  hash compaction: TLC's estimate distinct x (generated - distinct) / 2^{} = {:.1e}\n",
               s.fingerprint_bits, s.fingerprint_estimate);
    if (s.fingerprint_estimate > explorer::kFingerprintWarning)
      fmt::print(out, "  warning: states may have been missed; check with --store tree (exact){} instead\n",
                 s.fingerprint_bits < 95 ? " or --fingerprint-bits 96" : "");
  }
  if (!s.spill_dir.empty())
    fmt::print(out, "  spill: {:.1f} MiB of parent links written to {} (removed at the end)\n",
               s.spilled_bytes / (1024.0 * 1024), s.spill_dir);
  if (s.store == explorer::StoreKind::Bitstate) {
    fmt::print(out, "  bitstate: {} bits ({:.0f} MiB), {} bits per state, {:.2f}% of bits set\n", s.bitstate_bits,
               s.bitstate_bits / 8.0 / (1024 * 1024), s.bitstate_hashes, 100 * s.bitstate_fill);
    fmt::print(out,
               "  bitstate: about {:.3g} states lost directly (coverage about {:.4f}%), probability that any was "
               "{:.2g}; what a lost state alone leads to is lost too\n",
               s.expected_missed, 100 * s.states / (s.states + s.expected_missed), s.omission_probability);
  }
}

// The ranks' spread and what crossed the network.
void print_distributed(const explorer::DistributedStats& d, const explorer::SearchResult& s, std::ostream& out) {
  const auto [least, most] = std::minmax_element(d.states.begin(), d.states.end());
  const uint64_t peak = *std::max_element(d.peak_bytes.begin(), d.peak_bytes.end());
  fmt::print(out, "  distributed: {} ranks x {} threads; states per rank {} to {} (busiest rank {}: {:.1f}%), "
             "peak memory per rank up to {:.1f} MiB\n",
             d.ranks, d.threads, *least, *most, d.busiest_rank(), s.states ? 100.0 * *most / s.states : 0.0,
             peak / (1024.0 * 1024.0));
  const double bytes = 8.0 * d.words_sent;
  fmt::print(out, "  network: {:.1f} MiB to other ranks, {:.1f} bytes per state sent, {:.1f} per transition, "
             "{:.1f} per state found; {} rounds, {:.2f} s in exchanges (rank 0)\n",
             bytes / (1024 * 1024), d.states_sent ? bytes / d.states_sent : 0.0,
             s.transitions ? bytes / s.transitions : 0.0, s.states ? bytes / s.states : 0.0, d.rounds,
             d.exchange_seconds);
}

std::string lasso_summary(const PropertyOutcome& p) {
  const uint32_t stem = *p.loop_start, cycle = p.trace_length - stem;
  if (cycle == 0) return fmt::format("stuck after {} steps, no fair action enabled", stem);
  return fmt::format("stem of {} steps, then a fair cycle of {} steps", stem, cycle);
}

}  // namespace

void print_summary(const CheckReport& r, std::ostream& out, bool with_coverage) {
  const auto& s = r.search;
  fmt::print(out, "lgrcheck: {}{}\n", r.config_path.empty() ? r.config_name : r.config_path,
             r.variants.empty() ? "" : fmt::format(" (variant {})", fmt::join(r.variants, ", ")));
  fmt::print(out, "  states {}  transitions {}  depth {}  terminal {}\n", s.states, s.transitions, s.depth,
             s.terminal_states);
  fmt::print(out, "  {:.2f} s, {:.0f} states/s, {} threads, {} bytes per state vector\n", s.seconds,
             s.seconds > 0 ? s.states / s.seconds : 0.0, s.threads, r.state_bytes);
  const double states = s.states ? static_cast<double>(s.states) : 1.0;
  fmt::print(out, "  memory {:.1f} bytes per state (store and frontier at the peak), peak resident {:.1f} MiB ({:.1f} bytes per state)\n",
             s.peak_bytes / states, r.peak_resident_bytes / (1024.0 * 1024.0), r.peak_resident_bytes / states);
  print_store_estimates(s, out);
  if (r.distributed) print_distributed(*r.distributed, s, out);
  if (r.symmetry) print_symmetry(*r.symmetry, out);
  if (!s.shortest_traces())
    fmt::print(out, "  depth-first search: counterexamples are paths of the search, not the shortest\n");
  fmt::print(out, "  under bounds: {}\n", bounds_text(r.bounds));
  if (r.fairness) fmt::print(out, "  under fairness: {}\n", fairness_text());
  if (!s.complete()) fmt::print(out, "  search incomplete: {}\n", explorer::stop_reason_text(s.stop));
  bool violated = false;
  for (const auto& p : r.properties) violated |= !p.holds;
  if (!s.complete() && s.shortest_traces() && !violated) {
    if (s.complete_levels == 0)
      fmt::print(out, "  no depth was checked completely\n");
    else
      fmt::print(out, "  no violation within {0} steps: every state at depth <= {0} was checked\n",
                 s.complete_levels - 1);
  }
  for (const auto& p : r.properties) {
    const char* name = property_info(p.id).name;
    if (!p.checked)
      fmt::print(out, "  {:<17} not checked (the search or the liveness pass did not finish)\n", name);
    else if (p.holds)
      fmt::print(out, "  {:<17} {}\n", name,
                 !s.complete() ? "not violated so far" : s.exhaustive() || s.hash_compaction ? "holds" : "probably holds");
    else if (p.loop_start)
      fmt::print(out, "  {:<17} VIOLATED  {}: {} ({} states on fair cycles or stuck)\n", name, p.guest,
                 lasso_summary(p), p.violating_states);
    else
      fmt::print(out, "  {:<17} VIOLATED  {} {} steps ({} violating states)\n", name,
                 s.shortest_traces() ? "shortest counterexample" : "counterexample", p.trace_length,
                 p.violating_states);
  }
  if (r.liveness)
    fmt::print(out, "  liveness pass {:.2f} s, {} edges, {} graph bytes\n", r.liveness->seconds, r.liveness->edges,
               r.liveness->graph_bytes);
  for (const auto& g : r.goals) {
    const char* name = property_info(g.id).name;
    if (g.reached)
      fmt::print(out, "  sanity goal {:<7} reached at depth {}\n", name, g.depth);
    else
      fmt::print(out, "  sanity goal {:<7} {}\n", name, s.complete() ? "never reached" : "not reached so far");
  }
  if (r.resumed_from) fmt::print(out, "  resumed from checkpoint {} in {}\n", r.resumed_from, r.checkpoint_dir);
  if (r.checkpoint && r.checkpoint->written)
    fmt::print(out, "  {} ({} written in {})\n", r.checkpoint->line(), r.checkpoint->written, r.checkpoint_dir);
  else if (r.checkpoint)
    fmt::print(out, "  no checkpoint written in {}\n", r.checkpoint_dir);
  if (with_coverage) print_coverage(r.coverage, out);
  for (const auto& w : r.warnings) fmt::print(out, "warning: [{}] {}\n", w.code, w.message);
  fmt::print(out, "verdict: {}\n", verdict_name(r.verdict));
}

}  // namespace lgr
