// Writes the model of spec sections 2 and 3 as Promela, following the notes
// for a SPIN cross-check in reference-counts.md: every variable initialised
// in its declaration (no step before the loop, so the state counts agree
// with offset 0), one process whose `do` loop holds one guarded d_step per
// action instance in canonical order, channels as byte arrays with lengths
// (not Promela chan, so equal contents give equal state vectors), and
// normalisation at the end of every action. The translation mirrors
// model/successors.hpp statement by statement.
#include "properties/promela_export.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <iterator>
#include <regex>
#include <utility>
#include <vector>

#include "model/eligibility.hpp"

namespace lgr {
namespace {

constexpr int64_t kPromelaIntMax = 2147483647;  // pan evaluates expressions as C int
// A packed channel is one `unsigned` (at most 32 bits) that pan shifts as a
// C int: 3 bits a message, 30 at most.
constexpr int kPackedChannelBits = 30;

std::string comment_safe(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  for (size_t at = s.find("*/"); at != std::string::npos; at = s.find("*/", at)) s.replace(at, 2, "* /");
  return s;
}

// The smallest Promela integer type holding 0..max.
const char* int_type(int64_t max) {
  if (max <= 255) return "byte";
  if (max <= 32767) return "short";
  return "int";
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? sep : "") + parts[i];
  return out;
}

// Bits for the values 0..max (at least one: Promela has no empty field).
int width_of(int64_t max) { return std::max<int>(1, static_cast<int>(bits_for(static_cast<uint64_t>(max)))); }

// `((x) == 0 -> e(0) : ((x) == 1 -> e(1) : ... e(n - 1)))`: variable x picks
// one of n packed variables (Promela has no arrays of bit fields).
template <class E>
std::string choose(const std::string& x, int n, E e) {
  std::string out = e(n - 1);
  for (int i = n - 2; i >= 0; --i) out = fmt::format("(({}) == {} -> {} : {})", x, i, e(i), out);
  return out;
}

// Rewrites every match of `re` in `text` with fn(match).
template <class Fn>
std::string rewrite(const std::string& text, const std::regex& re, Fn fn) {
  std::string out;
  auto last = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) {
    out.append(last, (*it)[0].first);
    out += fn(*it);
    last = (*it)[0].second;
  }
  out.append(last, text.cend());
  return out;
}

// `if :: cond -> then :: else -> skip fi` on one line.
std::string when(const std::string& cond, const std::string& then) {
  return "if :: " + cond + " -> " + then + " :: else -> skip fi";
}

class PromelaWriter {
 public:
  PromelaWriter(const LgrModel& model, const std::string& producer, PromelaLayout layout)
      : m_(model), cfg_(model.config()), producer_(producer), packed_(layout == PromelaLayout::Packed) {
    M_ = static_cast<int>(cfg_.members.size());
    K_ = static_cast<int>(cfg_.guests.size());
    requests_of_.assign(K_, {});
    for (size_t q = 0; q < cfg_.requests.size(); ++q)
      requests_of_[cfg_.requests[q].guest].push_back(static_cast<int>(q));
    // The largest sum a storage check forms: max_memory(g) + every memory.
    int64_t worst = 0, biggest = 0;
    for (const Guest& g : cfg_.guests) {
      worst += g.memory;
      biggest = std::max(biggest, g.max_memory);
    }
    worst += biggest;
    if (worst > kPromelaIntMax)
      throw PromelaExportError(fmt::format(
          "{}: guest storage figures add up to {}, past Promela's 32-bit int; the model cannot be exported",
          cfg_.path.empty() ? cfg_.name : cfg_.path, worst));
    if (packed_ && 3 * m_.layout().channel_capacity > kPackedChannelBits)
      throw PromelaExportError(fmt::format(
          "{}: /bounds: a channel of passes + 3 + cancels = {} messages needs {} bits, more than the {} of a "
          "packed Promela variable; export without --packed",
          cfg_.path.empty() ? cfg_.name : cfg_.path, m_.layout().channel_capacity,
          3 * m_.layout().channel_capacity, kPackedChannelBits));
  }

  std::string write() {
    header();
    constants();
    state();
    macros();
    inlines();
    invariants();
    process();
    return packed_ ? packed_references(out_) : out_;
  }

 private:
  template <class... A>
  void line(fmt::format_string<A...> f, A&&... a) {
    fmt::format_to(std::back_inserter(out_), f, std::forward<A>(a)...);
    out_ += '\n';
  }
  bool has(Variant v) const { return m_.variants().has(v); }
  int64_t clamp(int64_t v) const { return std::min(v, kPromelaIntMax); }
  const std::string& member(int m) const { return cfg_.members[m].name; }
  const std::string& guest(int g) const { return cfg_.guests[g].name; }

  // A request attribute of guest g's episode as an expression of cur[g]
  // (a constant when all of g's requests agree).
  template <class F>
  std::string per_request(int g, F value) const {
    const auto& qs = requests_of_[g];
    if (qs.empty()) return "0";
    bool same = true;
    for (int q : qs) same &= value(cfg_.requests[q]) == value(cfg_.requests[qs[0]]);
    if (same) return fmt::format("{}", value(cfg_.requests[qs[0]]));
    std::string e = fmt::format("{}", value(cfg_.requests[qs.back()]));
    for (int k = static_cast<int>(qs.size()) - 2; k >= 0; --k)
      e = fmt::format("(cur[{}] == {} -> {} : {})", g, k + 1, value(cfg_.requests[qs[k]]), e);
    return e;
  }

  // storage_ok(g, q) at destination d (spec section 1), constants folded.
  std::string storage_ok(int g, int d, bool force_storage) const {
    const Guest& gu = cfg_.guests[g];
    const Member& dm = cfg_.members[d];
    std::vector<std::string> all{fmt::format("{} + RESERVED_{} <= {}", gu.memory, d, clamp(dm.storage))};
    if (!force_storage) {
      if (gu.memory > dm.paging || gu.max_memory > dm.paging) return "0 /* paging too small */";
      all.push_back(fmt::format("{} + RESERVED_{} <= {}", gu.max_memory, d, clamp(dm.storage)));
    }
    return "(" + join(all, " && ") + ")";
  }

  void header() {
    std::vector<std::string> vnames = m_.variants().names();
    line("/* Promela model of z/VM Live Guest Relocation: the canonical LGR model,");
    line("   version 1 (spec sections 2 and 3), for one configuration.");
    line("   Exported by {} (lgrcheck export --promela{}) from", comment_safe(producer_), packed_ ? " --packed" : "");
    line("     configuration: {}{}", comment_safe(cfg_.name),
         cfg_.path.empty() ? "" : " (" + comment_safe(cfg_.path) + ")");
    line("     variants:      {}", vnames.empty() ? "none (the correct protocol)" : join(vnames, ", "));
    if (packed_) {
      line("     layout:        packed: one variable per guest and field, each only as wide");
      line("                    as its values; channels as base-8 numbers, head lowest");
    }
    line("   Members:");
    for (int m = 0; m < M_; ++m)
      line("     {} {}: storage {}, paging {}", m, comment_safe(member(m)), cfg_.members[m].storage,
           cfg_.members[m].paging);
    line("   Guests:");
    for (int g = 0; g < K_; ++g)
      line("     {} {}: home {}, memory {}, max_memory {}", g, comment_safe(guest(g)),
           comment_safe(member(cfg_.guests[g].home)), cfg_.guests[g].memory, cfg_.guests[g].max_memory);
    line("   Requests ({} = k means the guest's k-th request):", packed_ ? "cur_<g>" : "cur[g]");
    for (size_t q = 0; q < cfg_.requests.size(); ++q) {
      const Request& r = cfg_.requests[q];
      std::vector<std::string> reasons;
      for (Reason why : static_reasons(cfg_, static_cast<int>(q))) reasons.push_back(reason_code(why));
      line("     {} -> {}: sync {}, immediate {}, maxquiesce {}, maxtotal {}{}{}", comment_safe(guest(r.guest)),
           comment_safe(member(r.to)), r.sync, r.immediate, r.maxquiesce, r.maxtotal,
           r.force_storage ? ", force storage" : "",
           reasons.empty() ? "" : ", statically ineligible: " + join(reasons, ", "));
    }
    const Bounds& b = cfg_.bounds;
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

  void constants() {
    line("#define MEMBERS {}", M_);
    line("#define GUESTS {}", K_);
    line("#define CAP {}  /* channel bound: passes + 3 + cancels */", m_.layout().channel_capacity);
    line("#define PASSES {}", cfg_.bounds.passes);
    line("");
    line("#define I_NONE 0");
    line("#define I_RUNNING 1");
    line("#define I_QUIESCED 2");
    line("#define I_SHADOW 3");
    line("#define I_READY 4");
    line("#define RS_NONE 0");
    line("#define RS_INIT 1");
    line("#define RS_MEMORY 2");
    line("#define RS_QUIESCED 3");
    line("#define RS_STATE_SENT 4");
    line("#define RS_CANCELING 5");
    line("/* source to destination; STATE carries its bit full as two codes */");
    line("#define SD_CREATE 1");
    line("#define SD_MEM 2");
    line("#define SD_STATE_PARTIAL 3");
    line("#define SD_STATE_FULL 4");
    line("#define SD_RESUME 5");
    line("#define SD_CANCEL 6");
    line("/* destination to source */");
    line("#define DS_CREATED 1");
    line("#define DS_REFUSED 2");
    line("#define DS_ACK_STATE 3");
    line("#define DS_CANCEL_REQ 4");
    line("#define DS_CANCEL_ACK 5");
    line("");
    line("#ifdef CHECK_ALL");
    for (int p = 0; p < kStatePropertyCount; ++p) line("#define {}", promela_check_switch(PropertyId(p)));
    line("#endif");
    line("");
  }

  void state() {
    int64_t max_total = 0, max_quiesce = 0;
    for (const Request& r : cfg_.requests) {
      max_total = std::max(max_total, r.maxtotal);
      max_quiesce = std::max(max_quiesce, r.maxquiesce);
    }
    // qtime may reach maxquiesce + 2 for a moment: ignore-maxquiesce caps it after the increment.
    if (packed_)
      packed_variables(max_total, max_quiesce + 2);
    else
      array_variables(max_total, max_quiesce + 2);
    line("");
    line("/* Scratch of one d_step (hidden: not part of the state). */");
    line("hidden byte src, dst, msg;");
    line("/* One per property, so that pan names the property that fails. */");
    for (int p = 0; p < kStatePropertyCount; ++p) line("hidden byte {} = 1;", property_info(PropertyId(p)).name);
    line("");
  }

  void array_variables(int64_t max_total, int64_t max_qtime) {
    const Bounds& b = cfg_.bounds;
    const int links = M_ * (M_ - 1) / 2;
    std::vector<std::string> own, inst;
    for (int g = 0; g < K_; ++g) {
      own.push_back(std::to_string(cfg_.guests[g].home));
      for (int m = 0; m < M_; ++m) inst.push_back(m == cfg_.guests[g].home ? "I_RUNNING" : "I_NONE");
    }
    line("/* The state: exactly the variables of spec section 2, each initialised here. */");
    line("bit up[MEMBERS] = 1;");
    line("bit link[{}] = 1;  /* member pairs a < b, in order; see LINK */", std::max(links, 1));
    line("{} moves_left = {};", int_type(b.moves), b.moves);
    line("{} cancels_left = {};", int_type(b.cancels), b.cancels);
    line("{} mfail_left = {};", int_type(b.member_failures), b.member_failures);
    line("{} lfail_left = {};", int_type(b.link_failures), b.link_failures);
    line("{} elig_left = {};", int_type(b.eligibility_changes), b.eligibility_changes);
    line("/* per guest g (and member m: index g * MEMBERS + m) */");
    line("byte own[GUESTS] = {{ {} }};", join(own, ", "));
    line("byte inst[{}] = {{ {} }};", K_ * M_, join(inst, ", "));
    line("byte rs[GUESTS] = RS_NONE;");
    line("byte cur[GUESTS] = 0;   /* 0: no episode; k: the guest's k-th request */");
    line("byte from[GUESTS] = 0;  /* 0: none; m + 1: member m */");
    line("{} pass[GUESTS] = 0;", int_type(b.passes));
    line("bit dirty[GUESTS] = 0;");
    line("{} elapsed[GUESTS] = 0;", int_type(max_total));
    line("{} qtime[GUESTS] = 0;", int_type(max_qtime));
    line("bit inelig[GUESTS] = 0;");
    line("bit img_ok[GUESTS] = 0;");
    line("byte c_sd[{}] = 0;  /* guest g's source-to-destination FIFO: c_sd[g * CAP ..], head first */",
         K_ * m_.layout().channel_capacity);
    line("byte n_sd[GUESTS] = 0;");
    line("byte c_ds[{}] = 0;  /* destination to source, likewise */", K_ * m_.layout().channel_capacity);
    line("byte n_ds[GUESTS] = 0;");
    line("bit lost[GUESTS] = 0;       /* ghost */");
    line("bit bad_image[GUESTS] = 0;  /* ghost */");
    line("bit bad_commit[GUESTS] = 0; /* ghost */");
  }

  // SPIN keeps a byte per element of an array, but packs scalar `bit` and
  // `unsigned` variables as C bit fields: so one variable per field.
  void packed_variables(int64_t max_total, int64_t max_qtime) {
    const Bounds& b = cfg_.bounds;
    const int cap = m_.layout().channel_capacity;
    auto var = [&](const std::string& name, int64_t max, const std::string& init, const char* note = "") {
      const int w = width_of(max);
      if (w == 1)
        line("bit {} = {};{}", name, init, note);
      else
        line("unsigned {} : {} = {};{}", name, w, init, note);
    };
    line("/* The state: exactly the variables of spec section 2, one per field and");
    line("   guest g (and member m), each initialised here. */");
    for (int m = 0; m < M_; ++m) var(fmt::format("up_{}", m), 1, "1");
    for (int i = 0; i < M_ * (M_ - 1) / 2; ++i) var(fmt::format("link_{}", i), 1, "1", "  /* pair i of a < b, in order; see LINK */");
    var("moves_left", b.moves, std::to_string(b.moves));
    var("cancels_left", b.cancels, std::to_string(b.cancels));
    var("mfail_left", b.member_failures, std::to_string(b.member_failures));
    var("lfail_left", b.link_failures, std::to_string(b.link_failures));
    var("elig_left", b.eligibility_changes, std::to_string(b.eligibility_changes));
    for (int g = 0; g < K_; ++g) {
      const int home = cfg_.guests[g].home;
      line("/* guest {}: {} */", g, comment_safe(guest(g)));
      var(fmt::format("own_{}", g), M_ - 1, std::to_string(home));
      for (int m = 0; m < M_; ++m) var(fmt::format("inst_{}_{}", g, m), I_READY, m == home ? "I_RUNNING" : "I_NONE");
      var(fmt::format("rs_{}", g), RS_CANCELING, "RS_NONE");
      var(fmt::format("cur_{}", g), static_cast<int64_t>(requests_of_[g].size()), "0", "  /* 0: no episode; k: the guest's k-th request */");
      var(fmt::format("from_{}", g), M_, "0", "  /* 0: none; m + 1: member m */");
      var(fmt::format("pass_{}", g), b.passes, "0");
      var(fmt::format("dirty_{}", g), 1, "0");
      var(fmt::format("elapsed_{}", g), max_total, "0");
      var(fmt::format("qtime_{}", g), max_qtime, "0");
      var(fmt::format("inelig_{}", g), 1, "0");
      var(fmt::format("img_ok_{}", g), 1, "0");
      line("unsigned c_sd_{} : {} = 0;  /* source-to-destination FIFO, 3 bits a message, head lowest */", g, 3 * cap);
      var(fmt::format("n_sd_{}", g), cap, "0");
      line("unsigned c_ds_{} : {} = 0;  /* destination to source, likewise */", g, 3 * cap);
      var(fmt::format("n_ds_{}", g), cap, "0");
      var(fmt::format("lost_{}", g), 1, "0", "       /* ghost */");
      var(fmt::format("bad_image_{}", g), 1, "0", "  /* ghost */");
      var(fmt::format("bad_commit_{}", g), 1, "0", " /* ghost */");
    }
  }

  void macros() {
    if (packed_) {
      // Reads with a variable index choose among the variables; a write
      // with one is set_inst_<g>(m, value). Literal indexes are rewritten
      // to the variable itself (packed_references).
      line("#define INST(g, m) INST_##g(m)");
      for (int g = 0; g < K_; ++g)
        line("#define INST_{}(m) {}", g, choose("m", M_, [&](int m) { return fmt::format("inst_{}_{}", g, m); }));
      line("#define UP(m) {}", choose("m", M_, [](int m) { return fmt::format("up_{}", m); }));
      const int links = M_ * (M_ - 1) / 2;
      line("#define LINKI(i) {}", links == 0 ? "1" : choose("i", links, [](int i) { return fmt::format("link_{}", i); }));
      line("#define SRC(g) (from_##g - 1)");
      line("#define EPISODE(g) (cur_##g != 0)");
      line("#define ACTIVE(g) (rs_##g >= RS_INIT && rs_##g <= RS_STATE_SENT)");
    } else {
      line("#define INST(g, m) inst[(g) * MEMBERS + (m)]");
      line("#define SRC(g) (from[g] - 1)");
      line("#define EPISODE(g) (cur[g] != 0)");
      line("#define ACTIVE(g) (rs[g] >= RS_INIT && rs[g] <= RS_STATE_SENT)");
    }
    line("#define RUNS(i) ((i) == I_RUNNING || (i) == I_QUIESCED)");
    line("#define AT_DST(i) ((i) == I_SHADOW || (i) == I_READY)");
    line("#define TRI(a, b) ((a) * (2 * MEMBERS - (a) - 1) / 2 + (b) - (a) - 1)");
    if (packed_)
      line("#define LINK(a, b) ((a) == (b) -> 1 : ((a) < (b) -> LINKI(TRI(a, b)) : LINKI(TRI(b, a))))");
    else
      line("#define LINK(a, b) ((a) == (b) -> 1 : ((a) < (b) -> link[TRI(a, b)] : link[TRI(b, a)]))");
    std::vector<std::string> stable;
    for (int m = 0; m < M_; ++m) stable.push_back(fmt::format("up[{}]", m));
    for (int i = 0; i < M_ * (M_ - 1) / 2; ++i) stable.push_back(fmt::format("link[{}]", i));
    line("#define STABLE ({})", join(stable, " && "));
    line("/* used(m): storage held on m by every instance; RESERVED_m: what the");
    line("   storage checks count (they differ only in variant no-reservation) */");
    for (int m = 0; m < M_; ++m) {
      std::vector<std::string> used, running;
      for (int h = 0; h < K_; ++h) {
        used.push_back(fmt::format("(INST({}, {}) != I_NONE -> {} : 0)", h, m, cfg_.guests[h].memory));
        running.push_back(fmt::format("(RUNS(INST({}, {})) -> {} : 0)", h, m, cfg_.guests[h].memory));
      }
      line("#define USED_{} ({})", m, join(used, " + "));
      line("#define RESERVED_{} {}", m,
           has(Variant::NoReservation) ? "(" + join(running, " + ") + ")" : "USED_" + std::to_string(m));
    }
    line("/* guest g's episode: destination and request attributes */");
    for (int g = 0; g < K_; ++g) {
      line("#define DST_{} {}", g, per_request(g, [](const Request& r) { return int64_t{r.to}; }));
      line("#define SYNC_{} {}", g, per_request(g, [](const Request& r) { return int64_t{r.sync}; }));
      line("#define IMMEDIATE_{} {}", g, per_request(g, [](const Request& r) { return int64_t{r.immediate}; }));
      line("#define MAXQ_{} {}", g, per_request(g, [](const Request& r) { return r.maxquiesce; }));
      line("#define MAXT_{} {}", g, per_request(g, [](const Request& r) { return r.maxtotal; }));
    }
    line("");
  }

  void inlines() {
    if (!packed_) return guest_inlines();
    // One copy of each helper per guest: its variables are the guest's own.
    line("/* Per guest g: set_inst_<g>(m, value) writes inst_<g>_<m> for a variable m. */");
    for (int g = 0; g < K_; ++g) {
      line("inline set_inst_{}(mm, value) {{", g);
      line("  if");
      for (int m = 0; m < M_; ++m) line("  :: (mm) == {} -> inst_{}_{} = value", m, g, m);
      line("  fi");
      line("}}");
    }
    const std::string all = std::exchange(out_, std::string());
    guest_inlines();
    const std::string helpers = std::exchange(out_, all);
    static const std::regex guest_parameter(R"(\bg\b)");
    for (int g = 0; g < K_; ++g) out_ += std::regex_replace(helpers, guest_parameter, std::to_string(g));
  }

  // Channels as byte arrays with lengths, so that equal FIFOs are equal
  // bytes; packed, as base-8 numbers, head lowest, as lgrcheck stores them
  // (messages are coded from 1, so a number is one FIFO).
  void channel_inlines() {
    const int cap = m_.layout().channel_capacity;
    std::vector<std::string> clear;
    for (const char* c : {"sd", "ds"}) {
      line("inline send_{}(g, message) {{  /* lost unless both ends and their link are up */", c);
      line("  if");
      line("  :: up[src] && up[dst] && LINK(src, dst) ->");
      line("     assert(n_{0}[g] < CAP);  /* spec section 2: no send finds a full channel */", c);
      if (packed_)
        line("     c_{0}[g] = c_{0}[g] | (message << (3 * n_{0}[g])); n_{0}[g]++", c);
      else
        line("     c_{0}[(g) * CAP + n_{0}[g]] = message; n_{0}[g]++", c);
      line("  :: else -> skip");
      line("  fi");
      line("}}");
      if (packed_) {
        line("inline pop_{0}(g) {{ msg = c_{0}[g] & 7; c_{0}[g] = c_{0}[g] >> 3; n_{0}[g]-- }}", c);
        clear.push_back(fmt::format("c_{}[g] = 0", c));
      } else {
        std::vector<std::string> shift{fmt::format("msg = c_{}[(g) * CAP]", c)};
        for (int i = 0; i + 1 < cap; ++i)
          shift.push_back(fmt::format("c_{0}[(g) * CAP + {1}] = c_{0}[(g) * CAP + {2}]", c, i, i + 1));
        shift.push_back(fmt::format("c_{}[(g) * CAP + {}] = 0", c, cap - 1));
        shift.push_back(fmt::format("n_{}[g]--", c));
        line("inline pop_{}(g) {{  /* head into msg; the rest moves up, so equal FIFOs are equal bytes */", c);
        line("  {}", join(shift, ";\n  "));
        line("}}");
        for (int i = 0; i < cap; ++i) clear.push_back(fmt::format("c_{}[(g) * CAP + {}] = 0", c, i));
      }
      clear.push_back(fmt::format("n_{}[g] = 0", c));
    }
    line("inline empty_channels(g) {{");
    line("  {}", join(clear, ";\n  "));
    line("}}");
  }

  // The helpers of one guest, g (a parameter, or a literal in a packed copy).
  void guest_inlines() {
    line("/* The helpers below read the scratch src and dst of the episode. */");
    channel_inlines();
    line("inline reset_progress(g) {{ pass[g] = 0; elapsed[g] = 0; qtime[g] = 0; dirty[g] = 0 }}");
    line("inline src_cancel(g) {{");
    if (!has(Variant::CancelStaysQuiesced))
      line("  {};", when("INST(g, src) == I_QUIESCED", "INST(g, src) = I_RUNNING"));
    line("  rs[g] = RS_CANCELING;");
    line("  reset_progress(g);");
    line("  send_sd(g, SD_CANCEL)");
    line("}}");
    std::vector<std::string> no_dst;
    for (int m = 0; m < M_; ++m) no_dst.push_back(fmt::format("!AT_DST(INST(g, {}))", m));
    line("/* spec section 2: an episode with nothing left in flight ends */");
    line("inline normalise(g) {{");
    line("  if");
    line("  :: EPISODE(g) && rs[g] == RS_NONE && n_sd[g] == 0 && n_ds[g] == 0 &&");
    line("     {} ->", join(no_dst, " && "));
    line("     cur[g] = 0; from[g] = 0; reset_progress(g); img_ok[g] = 0");
    line("  :: else -> skip");
    line("  fi");
    line("}}");
    line("");
  }

  // The Promela expression of each invariant of spec section 4.
  std::string invariant(PropertyId id) const {
    std::vector<std::string> all;
    switch (id) {
      case PropertyId::SingleInstance:
        for (int g = 0; g < K_; ++g) {
          std::vector<std::string> n;
          for (int m = 0; m < M_; ++m) n.push_back(fmt::format("(RUNS(INST({}, {})) -> 1 : 0)", g, m));
          all.push_back("(" + join(n, " + ") + " <= 1)");
        }
        break;
      case PropertyId::OwnerRuns:
        for (int g = 0; g < K_; ++g)
          for (int m = 0; m < M_; ++m) all.push_back(fmt::format("(!RUNS(INST({0}, {1})) || own[{0}] == {1})", g, m));
        break;
      case PropertyId::NoLostGuest:
        for (int g = 0; g < K_; ++g) {
          std::vector<std::string> any{fmt::format("lost[{}]", g)};
          for (int m = 0; m < M_; ++m)
            any.push_back(fmt::format("RUNS(INST({0}, {1})) || (INST({0}, {1}) == I_READY && own[{0}] == {1})", g, m));
          all.push_back("(" + join(any, " || ") + ")");
        }
        break;
      case PropertyId::ImageIntegrity:
        for (int g = 0; g < K_; ++g) all.push_back(fmt::format("!bad_image[{}]", g));
        break;
      case PropertyId::EligibleAtCommit:
        for (int g = 0; g < K_; ++g) all.push_back(fmt::format("!bad_commit[{}]", g));
        break;
      case PropertyId::QuiesceBound:
        for (int g = 0; g < K_; ++g)
          all.push_back(fmt::format("(!EPISODE({0}) || MAXQ_{0} == 0 || qtime[{0}] < MAXQ_{0})", g));
        break;
      case PropertyId::Capacity:
        for (int m = 0; m < M_; ++m) all.push_back(fmt::format("USED_{} <= {}", m, clamp(cfg_.members[m].storage)));
        break;
      case PropertyId::NoOrphanShadow:
        for (int g = 0; g < K_; ++g)
          for (int m = 0; m < M_; ++m)
            all.push_back(fmt::format(
                "(!AT_DST(INST({0}, {1})) || (EPISODE({0}) && (rs[{0}] != RS_NONE || n_sd[{0}] != 0 || "
                "n_ds[{0}] != 0 || !up[SRC({0})] || !LINK(SRC({0}), {1}))))",
                g, m));
        break;
      case PropertyId::ResumedOnSource:
        for (int g = 0; g < K_; ++g) {
          std::vector<std::string> none_quiesced;
          for (int m = 0; m < M_; ++m) none_quiesced.push_back(fmt::format("INST({}, {}) != I_QUIESCED", g, m));
          all.push_back(fmt::format(
              "((rs[{0}] != RS_NONE && rs[{0}] != RS_CANCELING) || ({1} &&\n      "
              "(!EPISODE({0}) || own[{0}] != SRC({0}) || !up[SRC({0})] || INST({0}, SRC({0})) == I_RUNNING)))",
              g, join(none_quiesced, " && ")));
        }
        break;
      case PropertyId::NoDeadlock:
        for (int g = 0; g < K_; ++g) all.push_back(fmt::format("!EPISODE({})", g));
        break;
      default:
        break;
    }
    return all.empty() ? "1" : "(" + join(all, " &&\n     ") + ")";
  }

  void invariants() {
    line("/* The invariants of spec section 4, each behind its switch. */");
    line("inline check_invariants() {{");
    line("  skip");
    for (int p = 0; p < kStatePropertyCount; ++p) {
      const PropertyId id = PropertyId(p);
      if (id == PropertyId::NoDeadlock) continue;  // a branch of the loop
      const char* name = property_info(id).name;
      line("#ifdef {}", promela_check_switch(id));
      line("  ; {} = {};", name, invariant(id));
      line("  assert({})", name);
      line("#endif");
    }
    line("}}");
    line("");
  }

  // Guard and body (statements) of one action instance, as in successors.hpp.
  struct Step {
    std::string guard;
    std::vector<std::string> body;
  };

  static std::string episode_vars(int g) { return fmt::format("src = SRC({0}); dst = DST_{0}", g); }

  Step step(const ActionInstance& a) const {
    const int g = a.guest;
    const std::string ends = fmt::format("normalise({})", g);
    switch (a.kind) {
      case ActionKind::Move: {
        const Request& r = cfg_.requests[a.request];
        const int k = static_cast<int>(std::find(requests_of_[g].begin(), requests_of_[g].end(), a.request) -
                                       requests_of_[g].begin()) + 1;
        return {fmt::format("moves_left > 0 && rs[{0}] == RS_NONE && !EPISODE({0}) && INST({0}, own[{0}]) == I_RUNNING "
                            "&&\n              own[{0}] != {1} && STABLE && !inelig[{0}] && {2}",
                            g, r.to, storage_ok(g, r.to, r.force_storage)),
                {"moves_left--", fmt::format("cur[{}] = {}", g, k), fmt::format("from[{0}] = own[{0}] + 1", g),
                 fmt::format("rs[{}] = RS_INIT", g), fmt::format("reset_progress({})", g),
                 fmt::format("dirty[{}] = 1", g), fmt::format("img_ok[{}] = 0", g),
                 fmt::format("src = own[{}]; dst = {}", g, r.to), fmt::format("send_sd({}, SD_CREATE)", g), ends}};
      }
      case ActionKind::CancelAtSrc:
      case ActionKind::Cphx:
        return {fmt::format("cancels_left > 0 && ACTIVE({0}){1}", g,
                            a.kind == ActionKind::Cphx ? fmt::format(" && SYNC_{}", g) : ""),
                {"cancels_left--", episode_vars(g), fmt::format("src_cancel({})", g), ends}};
      case ActionKind::CancelAtDst: {
        Step s{fmt::format("cancels_left > 0 && EPISODE({0}) && AT_DST(INST({0}, DST_{0})) && up[SRC({0})] && "
                           "LINK(SRC({0}), DST_{0})",
                           g),
               {"cancels_left--", episode_vars(g), fmt::format("send_ds({}, DS_CANCEL_REQ)", g)}};
        if (has(Variant::DstCancelDiscards)) s.body.push_back(fmt::format("INST({}, dst) = I_NONE", g));
        s.body.push_back(ends);
        return s;
      }
      case ActionKind::GuestWrites:
        return {fmt::format("rs[{0}] == RS_MEMORY && INST({0}, SRC({0})) == I_RUNNING && !dirty[{0}]", g),
                {fmt::format("dirty[{}] = 1", g), ends}};
      case ActionKind::GuestBecomesIneligible:
      case ActionKind::GuestBecomesEligible: {
        const bool to_inelig = a.kind == ActionKind::GuestBecomesIneligible;
        std::vector<std::string> running;
        for (int m = 0; m < M_; ++m) running.push_back(fmt::format("INST({}, {}) == I_RUNNING", g, m));
        return {fmt::format("elig_left > 0 && {}inelig[{}] && ({})", to_inelig ? "!" : "", g, join(running, " || ")),
                {"elig_left--", fmt::format("inelig[{}] = {}", g, to_inelig ? 1 : 0), ends}};
      }
      case ActionKind::SrcReceive: {
        const std::string refused = has(Variant::RetryRefused) ? fmt::format("send_sd({}, SD_CREATE)", g)
                                                               : fmt::format("rs[{}] = RS_NONE", g);
        return {fmt::format("n_ds[{}] > 0", g),
                {episode_vars(g), fmt::format("pop_ds({})", g),
                 fmt::format("if\n"
                             "       :: msg == DS_CREATED ->\n"
                             "          if\n"
                             "          :: rs[{0}] == RS_INIT && inelig[{0}] -> src_cancel({0})\n"
                             "          :: rs[{0}] == RS_INIT && !inelig[{0}] ->\n"
                             "             rs[{0}] = RS_MEMORY; pass[{0}] = 1; dirty[{0}] = 0; send_sd({0}, SD_MEM)\n"
                             "          :: else -> skip\n"
                             "          fi\n"
                             "       :: msg == DS_REFUSED -> {1}\n"
                             "       :: msg == DS_ACK_STATE ->  /* commit */\n"
                             "          if\n"
                             "          :: rs[{0}] == RS_STATE_SENT ->\n"
                             "             bad_commit[{0}] = bad_commit[{0}] || inelig[{0}]; own[{0}] = dst;\n"
                             "             INST({0}, src) = I_NONE; rs[{0}] = RS_NONE; send_sd({0}, SD_RESUME)\n"
                             "          :: else -> skip\n"
                             "          fi\n"
                             "       :: msg == DS_CANCEL_REQ -> {2}\n"
                             "       :: msg == DS_CANCEL_ACK -> {3}\n"
                             "       :: else -> assert(0)  /* corrupt channel */\n"
                             "       fi",
                             g, when(fmt::format("rs[{}] == RS_INIT", g), refused),
                             when(fmt::format("ACTIVE({})", g), fmt::format("src_cancel({})", g)),
                             when(fmt::format("rs[{}] == RS_CANCELING", g), fmt::format("rs[{}] = RS_NONE", g))),
                 ends}};
      }
      case ActionKind::SrcNextPass:
        return {fmt::format("rs[{0}] == RS_MEMORY && dirty[{0}] && pass[{0}] < PASSES && !IMMEDIATE_{0}", g),
                {episode_vars(g),
                 fmt::format("if :: inelig[{0}] -> src_cancel({0}) :: else -> pass[{0}]++; dirty[{0}] = 0; "
                             "send_sd({0}, SD_MEM) fi",
                             g),
                 ends}};
      case ActionKind::SrcQuiesce:
        return {fmt::format("rs[{0}] == RS_MEMORY && (!dirty[{0}] || pass[{0}] == PASSES || IMMEDIATE_{0})", g),
                {fmt::format("INST({0}, SRC({0})) = I_QUIESCED", g), fmt::format("rs[{}] = RS_QUIESCED", g), ends}};
      case ActionKind::SrcFinalCheck: {
        const std::string send_state =
            has(Variant::NoDirtyResend)
                ? fmt::format("if :: dirty[{0}] -> send_sd({0}, SD_STATE_PARTIAL) :: else -> send_sd({0}, SD_STATE_FULL) fi", g)
                : fmt::format("send_sd({}, SD_STATE_FULL)", g);
        const std::string commit_path = fmt::format("{0}; dirty[{1}] = 0; rs[{1}] = RS_STATE_SENT", send_state, g);
        return {fmt::format("rs[{}] == RS_QUIESCED", g),
                {episode_vars(g),
                 has(Variant::NoFinalCheck)
                     ? commit_path
                     : fmt::format("if :: inelig[{0}] -> src_cancel({0}) :: else -> {1} fi", g, commit_path),
                 ends}};
      }
      case ActionKind::SrcDetectPeerDown: {
        const std::string peer_down = has(Variant::SrcIgnoresDstFailure)
                                          ? fmt::format("!LINK(SRC({0}), DST_{0})", g)
                                          : fmt::format("(!up[DST_{0}] || !LINK(SRC({0}), DST_{0}))", g);
        return {fmt::format("rs[{0}] != RS_NONE && up[SRC({0})] && {1}", g, peer_down),
                {episode_vars(g),
                 when(fmt::format("rs[{0}] != RS_CANCELING && INST({0}, src) == I_QUIESCED", g),
                      fmt::format("INST({}, src) = I_RUNNING", g)),
                 fmt::format("rs[{}] = RS_NONE", g), fmt::format("reset_progress({})", g), ends}};
      }
      case ActionKind::DstReceive: {
        // CREATE: storage_ok of the episode's request, evaluated now at d.
        std::vector<std::string> per_q;
        for (size_t k = 0; k < requests_of_[g].size(); ++k) {
          const Request& r = cfg_.requests[requests_of_[g][k]];
          per_q.push_back(fmt::format(
              "{0}if :: {1} -> INST({2}, dst) = I_SHADOW; send_ds({2}, DS_CREATED) :: else -> send_ds({2}, DS_REFUSED) fi",
              requests_of_[g].size() > 1 ? fmt::format(":: cur[{}] == {} -> ", g, k + 1) : "",
              storage_ok(g, r.to, r.force_storage), g));
        }
        std::string create = per_q.empty() ? "skip" : requests_of_[g].size() > 1
                                                          ? "if\n          " + join(per_q, "\n          ") + "\n          fi"
                                                          : per_q[0];
        return {fmt::format("n_sd[{}] > 0", g),
                {episode_vars(g), fmt::format("pop_sd({})", g),
                 fmt::format("if\n"
                             "       :: msg == SD_CREATE ->\n"
                             "          {1}\n"
                             "       :: msg == SD_MEM -> skip\n"
                             "       :: msg == SD_STATE_PARTIAL || msg == SD_STATE_FULL ->\n"
                             "          if\n"
                             "          :: INST({0}, dst) == I_SHADOW ->\n"
                             "             INST({0}, dst) = {2}; img_ok[{0}] = (msg == SD_STATE_FULL); send_ds({0}, DS_ACK_STATE)\n"
                             "          :: else -> skip\n"
                             "          fi\n"
                             "       :: msg == SD_RESUME ->\n"
                             "          {3}\n"
                             "       :: msg == SD_CANCEL ->\n"
                             "          {4};\n"
                             "          send_ds({0}, DS_CANCEL_ACK)\n"
                             "       :: else -> assert(0)  /* corrupt channel */\n"
                             "       fi",
                             g, create, has(Variant::EarlyResume) ? "I_RUNNING" : "I_READY",
                             when(fmt::format("INST({}, dst) == I_READY", g),
                                  fmt::format("bad_image[{0}] = bad_image[{0}] || !img_ok[{0}]; INST({0}, dst) = I_RUNNING", g)),
                             when(fmt::format("AT_DST(INST({}, dst))", g), fmt::format("INST({}, dst) = I_NONE", g))),
                 ends}};
      }
      case ActionKind::DstDetectPeerDown: {
        // The ownership record arbitrates: only a committed destination resumes.
        std::string resume = fmt::format("own[{}] == dst", g);
        if (has(Variant::NoPdrArbitration)) resume += fmt::format(" || INST({}, dst) == I_READY", g);
        return {fmt::format("EPISODE({0}) && AT_DST(INST({0}, DST_{0})) && up[DST_{0}] && "
                            "(!up[SRC({0})] || !LINK(SRC({0}), DST_{0}))",
                            g),
                {episode_vars(g),
                 fmt::format("if :: {1} -> bad_image[{0}] = bad_image[{0}] || !img_ok[{0}]; INST({0}, dst) = I_RUNNING "
                             ":: else -> INST({0}, dst) = I_NONE fi",
                             g, resume),
                 ends}};
      }
      case ActionKind::MemberFails: {
        const int m = a.a;
        Step s{fmt::format("mfail_left > 0 && up[{}]", m), {fmt::format("up[{}] = 0", m), "mfail_left--"}};
        for (int h = 0; h < K_; ++h) {
          s.body.push_back(when(fmt::format("RUNS(INST({0}, {1})) || (INST({0}, {1}) == I_READY && own[{0}] == {1})", h, m),
                                fmt::format("lost[{}] = 1", h)));
          s.body.push_back(fmt::format("INST({}, {}) = I_NONE", h, m));
          s.body.push_back(when(fmt::format("EPISODE({0}) && SRC({0}) == {1}", h, m),
                                fmt::format("rs[{0}] = RS_NONE; reset_progress({0})", h)));
          s.body.push_back(when(fmt::format("EPISODE({0}) && (SRC({0}) == {1} || DST_{0} == {1})", h, m),
                                fmt::format("empty_channels({})", h)));
        }
        for (int h = 0; h < K_; ++h) s.body.push_back(fmt::format("normalise({})", h));
        return s;
      }
      case ActionKind::LinkFails: {
        const int x = a.a, y = a.b;
        const int index = x * (2 * M_ - x - 1) / 2 + y - x - 1;
        Step s{fmt::format("lfail_left > 0 && link[{}]", index), {fmt::format("link[{}] = 0", index), "lfail_left--"}};
        for (int h = 0; h < K_; ++h) {
          s.body.push_back(when(fmt::format("EPISODE({0}) && ((SRC({0}) == {1} && DST_{0} == {2}) || "
                                            "(SRC({0}) == {2} && DST_{0} == {1}))",
                                            h, x, y),
                                fmt::format("empty_channels({})", h)));
        }
        for (int h = 0; h < K_; ++h) s.body.push_back(fmt::format("normalise({})", h));
        return s;
      }
      case ActionKind::Tick: {
        // A guest's condition reads only its own variables, which only its
        // own block changes, so evaluating it in turn equals evaluating it
        // on the state before the Tick.
        auto timed = [](int h) {
          return fmt::format("(EPISODE({0}) && ((ACTIVE({0}) && MAXT_{0} > 0) || "
                             "((rs[{0}] == RS_QUIESCED || rs[{0}] == RS_STATE_SENT) && MAXQ_{0} > 0)))",
                             h);
        };
        std::vector<std::string> any;
        Step s;
        for (int h = 0; h < K_; ++h) {
          any.push_back(timed(h));
          const std::string cap_q = has(Variant::IgnoreMaxquiesce)
                                        ? fmt::format("; if :: qtime[{0}] > MAXQ_{0} + 1 -> qtime[{0}] = MAXQ_{0} + 1 "
                                                      ":: else -> skip fi",
                                                      h)
                                        : "";
          const std::string timeout =
              has(Variant::IgnoreMaxquiesce)
                  ? fmt::format("MAXT_{0} > 0 && elapsed[{0}] >= MAXT_{0}", h)
                  : fmt::format("(MAXT_{0} > 0 && elapsed[{0}] >= MAXT_{0}) || (MAXQ_{0} > 0 && qtime[{0}] >= MAXQ_{0})", h);
          s.body.push_back(fmt::format(
              "if\n"
              "       :: {1} ->\n"
              "          {2};\n"
              "          if :: MAXT_{0} > 0 -> elapsed[{0}]++ :: else -> skip fi;\n"
              "          if :: MAXQ_{0} > 0 && INST({0}, src) == I_QUIESCED -> qtime[{0}]++{3} :: else -> skip fi;\n"
              "          if :: {4} -> src_cancel({0}) :: else -> skip fi\n"
              "       :: else -> skip\n"
              "       fi",
              h, timed(h), episode_vars(h), cap_q, timeout));
        }
        for (int h = 0; h < K_; ++h) s.body.push_back(fmt::format("normalise({})", h));
        s.guard = "(" + join(any, " ||\n              ") + ")";
        return s;
      }
    }
    return {};
  }

  // The packed model is written as the array one, but with literal indexes
  // (each helper has a copy per guest): this turns every access into its
  // variable. rs[0] -> rs_0, up[2] -> up_2, up[src] -> UP(src),
  // INST(0, 1) -> inst_0_1, INST(0, src) = v -> set_inst_0(src, v),
  // send_sd(0, m) -> send_sd_0(m).
  static std::string packed_references(const std::string& text) {
    static const std::regex helper_call(
        R"(\b(send_sd|send_ds|pop_sd|pop_ds|empty_channels|reset_progress|src_cancel|normalise)\((\d+)(, )?)");
    static const std::regex inst_write(R"(\bINST\((\d+), (\w+(?:\(\d+\))?)\) = (\w+))");
    static const std::regex inst_read(R"(\bINST\((\d+), (\d+)\))");
    static const std::regex scalar(
        R"(\b(own|rs|cur|from|pass|dirty|elapsed|qtime|inelig|img_ok|c_sd|n_sd|c_ds|n_ds|lost|bad_image|bad_commit|up|link)\[(\d+)\])");
    static const std::regex up_variable(R"(\bup\[([^\]]+)\])");
    std::string t = std::regex_replace(text, helper_call, "$1_$2(");
    t = rewrite(t, inst_write, [](const std::smatch& m) {
      const std::string member = m[2];
      const bool literal = std::all_of(member.begin(), member.end(), [](unsigned char c) { return std::isdigit(c); });
      return literal ? fmt::format("inst_{}_{} = {}", m[1].str(), member, m[3].str())
                     : fmt::format("set_inst_{}({}, {})", m[1].str(), member, m[3].str());
    });
    t = std::regex_replace(t, inst_read, "inst_$1_$2");
    t = std::regex_replace(t, scalar, "$1_$2");
    return std::regex_replace(t, up_variable, "UP($1)");
  }

  std::string action_comment(ActionIndex i, const ActionInstance& a) const {
    std::string what = action_kind_name(a.kind);
    if (a.kind == ActionKind::Move)
      what += fmt::format(" {} {} (request {})", guest(a.guest), member(cfg_.requests[a.request].to), a.request + 1);
    else if (a.kind == ActionKind::MemberFails)
      what += " " + member(a.a);
    else if (a.kind == ActionKind::LinkFails)
      what += " " + member(a.a) + " " + member(a.b);
    else if (a.guest != kNone)
      what += " " + guest(a.guest);
    return fmt::format("/* action {}: {} */", i, comment_safe(what));
  }

  void process() {
    line("active proctype lgr()");
    line("{{");
    line("end_loop:");
    line("  do");
    const auto& actions = m_.actions();
    for (size_t i = 0; i < actions.size(); ++i) {
      const ActionInstance& a = actions[i];
      line("  {}", action_comment(static_cast<ActionIndex>(i), a));
      if (a.kind == ActionKind::Move && !static_reasons(cfg_, a.request).empty()) {
        line("  /* never enabled: the request is statically ineligible (see the header) */");
        continue;
      }
      Step s = step(a);
      s.body.push_back("check_invariants()");
      line("  :: d_step {{ {} ->", s.guard);
      line("       {}", join(s.body, ";\n       "));
      line("     }}");
    }
    line("#ifdef {}", promela_check_switch(PropertyId::NoDeadlock));
    line("  /* no action enabled: a deadlock unless no relocation is in progress */");
    line("  :: d_step {{ else -> NoDeadlock = {}; assert(NoDeadlock) }}", invariant(PropertyId::NoDeadlock));
    line("#endif");
    line("  od");
    line("}}");
  }

  const LgrModel& m_;
  const Config& cfg_;
  std::string producer_;
  bool packed_ = false;
  int M_ = 0, K_ = 0;
  std::vector<std::vector<int>> requests_of_;
  std::string out_;
};

}  // namespace

std::string promela_check_switch(PropertyId id) { return std::string("CHECK_") + property_info(id).name; }

std::string promela_model(const LgrModel& model, const std::string& producer, PromelaLayout layout) {
  return PromelaWriter(model, producer, layout).write();
}

}  // namespace lgr
