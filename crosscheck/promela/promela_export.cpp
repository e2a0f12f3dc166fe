// Writes the model of spec sections 2 and 3 as Promela, following the notes
// for a SPIN cross-check in reference-counts.md: every variable initialised
// in its declaration (no step before the loop, so the state counts agree
// with offset 0), one process whose `do` loop holds one guarded d_step per
// action instance in canonical order, channels as byte arrays with lengths
// or base-8 numbers (not Promela chan, so equal contents give equal state
// vectors), and normalisation at the end of every action. The actions
// (action_steps.hpp) mirror model/successors.hpp block by block; the layout
// (layout.hpp) spells every reference to the state.
#include "crosscheck/promela/promela_export.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "crosscheck/promela/action_steps.hpp"
#include "crosscheck/promela/export_context.hpp"
#include "crosscheck/promela/invariant_expressions.hpp"
#include "model/eligibility.hpp"

namespace lgr {
namespace promela {
namespace {

class PromelaWriter {
 public:
  PromelaWriter(const LgrModel& model, const std::string& producer, const Layout& layout)
      : c_(model, layout), producer_(producer) {
    // The largest sum a storage check forms: max_memory(g) + every memory.
    int64_t worst = 0, biggest = 0;
    for (const Guest& g : c_.cfg.guests) {
      worst += g.memory;
      biggest = std::max(biggest, g.max_memory);
    }
    worst += biggest;
    if (worst > kPromelaIntMax)
      throw PromelaExportError(fmt::format(
          "{}: guest storage figures add up to {}, past Promela's 32-bit int; the model cannot be exported",
          c_.cfg.path.empty() ? c_.cfg.name : c_.cfg.path, worst));
    layout.check_fits(c_);
  }

  std::string write() {
    header();
    constants();
    state();
    macros();
    c_.layout.declare_helpers(out_, c_);
    invariants();
    process();
    return out_.text();
  }

 private:
  template <class... A>
  void line(fmt::format_string<A...> f, A&&... a) {
    out_.line(f, std::forward<A>(a)...);
  }

  void header() {
    const Config& cfg = c_.cfg;
    std::vector<std::string> vnames = c_.model.variants().names();
    line("/* Promela model of z/VM Live Guest Relocation: the canonical LGR model,");
    line("   version 1 (spec sections 2 and 3), for one configuration.");
    line("   Exported by {} (lgrcheck export --promela{}) from", comment_safe(producer_), c_.layout.option());
    line("     configuration: {}{}", comment_safe(cfg.name), cfg.path.empty() ? "" : " (" + comment_safe(cfg.path) + ")");
    line("     variants:      {}", vnames.empty() ? "none (the correct protocol)" : join(vnames, ", "));
    c_.layout.describe(out_);
    line("   Members:");
    for (int m = 0; m < c_.M; ++m)
      line("     {} {}: storage {}, paging {}", m, comment_safe(c_.member(m)), cfg.members[m].storage,
           cfg.members[m].paging);
    line("   Guests:");
    for (int g = 0; g < c_.K; ++g)
      line("     {} {}: home {}, memory {}, max_memory {}", g, comment_safe(c_.guest(g)),
           comment_safe(c_.member(cfg.guests[g].home)), cfg.guests[g].memory, cfg.guests[g].max_memory);
    line("   Requests ({} = k means the guest's k-th request):", c_.layout.request_variable());
    for (size_t q = 0; q < cfg.requests.size(); ++q) {
      const Request& r = cfg.requests[q];
      std::vector<std::string> reasons;
      for (Reason why : static_reasons(cfg, static_cast<int>(q))) reasons.push_back(reason_code(why));
      line("     {} -> {}: sync {}, immediate {}, maxquiesce {}, maxtotal {}{}{}", comment_safe(c_.guest(r.guest)),
           comment_safe(c_.member(r.to)), r.sync, r.immediate, r.maxquiesce, r.maxtotal,
           r.force_storage ? ", force storage" : "",
           reasons.empty() ? "" : ", statically ineligible: " + join(reasons, ", "));
    }
    const Bounds& b = cfg.bounds;
    line("   Bounds: moves {}, cancels {}, member_failures {}, link_failures {},", b.moves, b.cancels,
         b.member_failures, b.link_failures);
    line("           eligibility_changes {}, passes {}", b.eligibility_changes, b.passes);
    line("");
    line("   Run (-o2 keeps the ghosts lost, bad_image and bad_commit, which SPIN");
    line("   would otherwise drop as write-only and so merge distinct states):");
    line("     spin -o2 -a model.pml && gcc -O2 -DNOREDUCE -DSAFETY -o pan pan.c && ./pan -m100000");
    line("   \"states, stored\" is lgrcheck's state count exactly (offset 0) and");
    line("   \"transitions\" is lgrcheck's transition count + 1 (SPIN counts its first");
    line("   store). If pan says \"max search depth too small\", raise -m; on big");
    line("   models give pan a bigger hash table (-w).");
    line("");
    line("   Properties: every state property of spec section 4 is an assertion,");
    line("   off by default so the counts above hold. Switch one on with");
    line("   -DCHECK_<Name> on the spin command line, or all with -DCHECK_ALL:");
    line("     spin -o2 -DCHECK_ALL -a model.pml && gcc -O2 -DNOREDUCE -DSAFETY -o pan pan.c \\");
    line("       && ./pan -m100000 -c0 | grep -o 'assertion violated [A-Za-z]*' | sort -u");
    line("   pan prints \"assertion violated <Name>\" for each violation. Without -c0 it");
    line("   stops at the first one, so it names one property only: to learn every");
    line("   property that fails, run with -c0 as above, or build one pan per");
    line("   property (-DCHECK_<Name> alone; add -e or -i for trails). Invariants are");
    line("   asserted after every action; the initial state satisfies them because");
    line("   the configuration was validated. NoDeadlock is the loop's final `else`");
    line("   branch (taken when no action is enabled): it adds one self-loop per");
    line("   terminal state to \"transitions\", states are unchanged. The loop head is");
    line("   a valid end state (label end_loop), so pan's own invalid-end-state check");
    line("   never fires. Termination (liveness) is not exported.");
    std::vector<std::string> names;
    for (int p = 0; p < kStatePropertyCount; ++p) names.push_back(property_info(PropertyId(p)).name);
    line("   Names: {}.", join(names, ", "));
    line("*/");
    line("");
  }

  // The codes of model/lgr_state.hpp, named from the model's own name
  // tables (which answer "?" past their last code).
  void constants() {
    line("#define MEMBERS {}", c_.M);
    line("#define GUESTS {}", c_.K);
    line("#define CAP {}  /* channel bound: passes + 3 + cancels */", c_.cap);
    line("#define PASSES {}", c_.cfg.bounds.passes);
    line("");
    auto codes = [&](const char* prefix, int first, const char* (*name)(int), auto suffix) {
      for (int code = first; std::string_view(name(code)) != "?"; ++code)
        line("#define {}{}{} {}", prefix, name(code), suffix(code), code);
    };
    auto none = [](int) { return ""; };
    codes("I_", I_NONE, inst_name, none);
    codes("RS_", RS_NONE, rs_name, none);
    line("/* source to destination; STATE carries its bit full as two codes */");
    codes("SD_", SD_CREATE, sd_msg_name,
          [](int m) { return m == SD_STATE_PARTIAL ? "_PARTIAL" : m == SD_STATE_FULL ? "_FULL" : ""; });
    line("/* destination to source */");
    codes("DS_", DS_CREATED, ds_msg_name, none);
    line("");
    line("#ifdef CHECK_ALL");
    for (int p = 0; p < kStatePropertyCount; ++p) line("#define {}", promela_check_switch(PropertyId(p)));
    line("#endif");
    line("");
  }

  void state() {
    c_.layout.declare_state(out_, c_);
    line("");
    line("/* Scratch of one d_step (hidden: not part of the state). */");
    line("hidden byte src, dst, msg;");
    line("/* One per property, so that pan names the property that fails. */");
    for (int p = 0; p < kStatePropertyCount; ++p) line("hidden byte {} = 1;", property_info(PropertyId(p)).name);
    line("");
  }

  void macros() {
    const Layout& L = c_.layout;
    L.declare_access(out_, c_);
    line("#define RUNS(i) ((i) == I_RUNNING || (i) == I_QUIESCED)");
    line("#define AT_DST(i) ((i) == I_SHADOW || (i) == I_READY)");
    line("#define TRI(a, b) ((a) * (2 * MEMBERS - (a) - 1) / 2 + (b) - (a) - 1)");
    line("{}", L.link_macro());
    std::vector<std::string> stable;
    for (int m = 0; m < c_.M; ++m) stable.push_back(L.up(std::to_string(m)));
    for (int i = 0; i < c_.links(); ++i) stable.push_back(L.link(i));
    line("#define STABLE ({})", join(stable, " && "));
    line("/* used(m): storage held on m by every instance; RESERVED_m: what the");
    line("   storage checks count (they differ only in variant no-reservation) */");
    for (int m = 0; m < c_.M; ++m) {
      std::vector<std::string> used, running;
      for (int h = 0; h < c_.K; ++h) {
        const std::string inst = c_.guests[h].inst(std::to_string(m));
        used.push_back(fmt::format("({} != I_NONE -> {} : 0)", inst, c_.cfg.guests[h].memory));
        running.push_back(fmt::format("(RUNS({}) -> {} : 0)", inst, c_.cfg.guests[h].memory));
      }
      line("#define USED_{} ({})", m, join(used, " + "));
      line("#define RESERVED_{} {}", m,
           c_.has(Variant::NoReservation) ? "(" + join(running, " + ") + ")" : "USED_" + std::to_string(m));
    }
    line("/* guest g's episode: destination and request attributes */");
    for (int g = 0; g < c_.K; ++g) {
      line("#define DST_{} {}", g, c_.per_request(g, [](const Request& r) { return int64_t{r.to}; }));
      line("#define SYNC_{} {}", g, c_.per_request(g, [](const Request& r) { return int64_t{r.sync}; }));
      line("#define IMMEDIATE_{} {}", g, c_.per_request(g, [](const Request& r) { return int64_t{r.immediate}; }));
      line("#define MAXQ_{} {}", g, c_.per_request(g, [](const Request& r) { return r.maxquiesce; }));
      line("#define MAXT_{} {}", g, c_.per_request(g, [](const Request& r) { return r.maxtotal; }));
    }
    line("");
  }

  void invariants() {
    line("/* The invariants of spec section 4, each behind its switch. */");
    line("inline check_invariants() {{");
    line("  skip");
    for (int p = 0; p < kStatePropertyCount; ++p) {
      const PropertyId id = PropertyId(p);
      if (property_info(id).kind != PropertyKind::Invariant) continue;  // NoDeadlock: a branch of the loop
      const char* name = property_info(id).name;
      line("#ifdef {}", promela_check_switch(id));
      line("  ; {} = {};", name, invariant_expression(c_, id));
      line("  assert({})", name);
      line("#endif");
    }
    line("}}");
    line("");
  }

  std::string action_comment(ActionIndex i, const ActionInstance& a) const {
    std::string what = action_kind_name(a.kind);
    if (a.kind == ActionKind::Move)
      what += fmt::format(" {} {} (request {})", c_.guest(a.guest), c_.member(c_.cfg.requests[a.request].to),
                          a.request + 1);
    else if (a.kind == ActionKind::MemberFails)
      what += " " + c_.member(a.a);
    else if (a.kind == ActionKind::LinkFails)
      what += " " + c_.member(a.a) + " " + c_.member(a.b);
    else if (a.guest != kNone)
      what += " " + c_.guest(a.guest);
    return fmt::format("/* action {}: {} */", i, comment_safe(what));
  }

  void process() {
    line("active proctype lgr()");
    line("{{");
    line("end_loop:");
    line("  do");
    const auto& actions = c_.model.actions();
    for (size_t i = 0; i < actions.size(); ++i) {
      const ActionInstance& a = actions[i];
      line("  {}", action_comment(static_cast<ActionIndex>(i), a));
      if (a.kind == ActionKind::Move && !static_reasons(c_.cfg, a.request).empty()) {
        line("  /* never enabled: the request is statically ineligible (see the header) */");
        continue;
      }
      Step s = action_step(c_, a);
      s.body.push_back("check_invariants()");
      line("  :: d_step {{ {} ->", s.guard);
      line("       {}", join(s.body, ";\n       "));
      line("     }}");
    }
    line("#ifdef {}", promela_check_switch(PropertyId::NoDeadlock));
    line("  /* no action enabled: a deadlock unless no relocation is in progress */");
    line("  :: d_step {{ else -> NoDeadlock = {}; assert(NoDeadlock) }}",
         invariant_expression(c_, PropertyId::NoDeadlock));
    line("#endif");
    line("  od");
    line("}}");
  }

  ExportContext c_;
  std::string producer_;
  PromelaText out_;
};

}  // namespace
}  // namespace promela

std::string promela_check_switch(PropertyId id) { return std::string("CHECK_") + property_info(id).name; }

std::string promela_model(const LgrModel& model, const std::string& producer, PromelaLayout layout) {
  const auto spelling = layout == PromelaLayout::Packed ? promela::packed_layout() : promela::array_layout();
  return promela::PromelaWriter(model, producer, *spelling).write();
}

}  // namespace lgr
