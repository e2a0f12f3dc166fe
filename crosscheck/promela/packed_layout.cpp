// The packed layout: one variable per guest and field, only as wide as its
// values, which SPIN packs as C bit fields (it keeps a byte per element of
// an array), and channels as base-8 numbers, head lowest, as lgrcheck stores
// them (messages are coded from 1, so a number is one FIFO). SPIN's state
// vector is then about a third as long, with the same counts. Promela has
// no arrays of bit fields, so a read with a variable index chooses among the
// variables, and each helper has one copy per guest.
#include <algorithm>

#include "crosscheck/promela/export_context.hpp"
#include "crosscheck/promela/guest_helpers.hpp"

namespace lgr::promela {
namespace {

// A packed channel is one `unsigned` (at most 32 bits) that pan shifts as a
// C int: 3 bits a message, 30 at most.
constexpr int kPackedChannelBits = 30;

class PackedLayout final : public Layout {
 public:
  const char* option() const override { return " --packed"; }
  void describe(PromelaText& out) const override {
    out.line("     layout:        packed: one variable per guest and field, each only as wide");
    out.line("                    as its values; channels as base-8 numbers, head lowest");
  }
  const char* request_variable() const override { return "cur_<g>"; }
  void check_fits(const ExportContext& c) const override {
    if (3 * c.cap > kPackedChannelBits)
      throw PromelaExportError(fmt::format(
          "{}: /bounds: a channel of passes + 3 + cancels = {} messages needs {} bits, more than the {} of a "
          "packed Promela variable; export without --packed",
          c.cfg.path.empty() ? c.cfg.name : c.cfg.path, c.cap, 3 * c.cap, kPackedChannelBits));
  }

  std::string field(const char* name, const std::string& g) const override { return std::string(name) + "_" + g; }
  std::string inst(const std::string& g, const std::string& m) const override {
    return is_literal(m) ? "inst_" + g + "_" + m : "INST(" + g + ", " + m + ")";
  }
  std::string set_inst(const std::string& g, const std::string& m, const std::string& value) const override {
    return is_literal(m) ? inst(g, m) + " = " + value : "set_inst_" + g + "(" + m + ", " + value + ")";
  }
  std::string up(const std::string& m) const override { return is_literal(m) ? "up_" + m : "UP(" + m + ")"; }
  std::string link(int pair) const override { return "link_" + std::to_string(pair); }
  std::string call(const char* helper, const std::string& g, const std::string& args) const override {
    return std::string(helper) + "_" + g + "(" + args + ")";
  }

  void declare_state(PromelaText& out, const ExportContext& c) const override {
    const Bounds& b = c.cfg.bounds;
    auto var = [&](const std::string& name, int64_t max, const std::string& init, const char* note = "") {
      const int w = width_of(max);
      if (w == 1)
        out.line("bit {} = {};{}", name, init, note);
      else
        out.line("unsigned {} : {} = {};{}", name, w, init, note);
    };
    out.line("/* The state: exactly the variables of spec section 2, one per field and");
    out.line("   guest g (and member m), each initialised here. */");
    for (int m = 0; m < c.M; ++m) var(up(std::to_string(m)), 1, "1");
    for (int i = 0; i < c.links(); ++i) var(link(i), 1, "1", "  /* pair i of a < b, in order; see LINK */");
    var("moves_left", b.moves, std::to_string(b.moves));
    var("cancels_left", b.cancels, std::to_string(b.cancels));
    var("mfail_left", b.member_failures, std::to_string(b.member_failures));
    var("lfail_left", b.link_failures, std::to_string(b.link_failures));
    var("elig_left", b.eligibility_changes, std::to_string(b.eligibility_changes));
    for (int g = 0; g < c.K; ++g) {
      const GuestText& t = c.guests[g];
      const int home = c.cfg.guests[g].home;
      out.line("/* guest {}: {} */", g, comment_safe(c.guest(g)));
      var(t.own, c.M - 1, std::to_string(home));
      for (int m = 0; m < c.M; ++m) var(t.inst(std::to_string(m)), I_READY, m == home ? "I_RUNNING" : "I_NONE");
      var(t.rs, RS_CANCELING, "RS_NONE");
      var(t.cur, static_cast<int64_t>(c.requests_of[g].size()), "0", "  /* 0: no episode; k: the guest's k-th request */");
      var(t.from, c.M, "0", "  /* 0: none; m + 1: member m */");
      var(t.pass, b.passes, "0");
      var(t.dirty, 1, "0");
      var(t.elapsed, c.max_elapsed(), "0");
      var(t.qtime, c.max_qtime(), "0");
      var(t.inelig, 1, "0");
      var(t.img_ok, 1, "0");
      out.line("unsigned {} : {} = 0;  /* source-to-destination FIFO, 3 bits a message, head lowest */",
               field("c_sd", t.g), 3 * c.cap);
      var(t.n_sd, c.cap, "0");
      out.line("unsigned {} : {} = 0;  /* destination to source, likewise */", field("c_ds", t.g), 3 * c.cap);
      var(t.n_ds, c.cap, "0");
      var(t.lost, 1, "0", "       /* ghost */");
      var(t.bad_image, 1, "0", "  /* ghost */");
      var(t.bad_commit, 1, "0", " /* ghost */");
    }
  }

  // A read with a variable index chooses among the variables; a write with
  // one is set_inst_<g>(m, value) (declare_helpers).
  void declare_access(PromelaText& out, const ExportContext& c) const override {
    out.line("#define INST(g, m) INST_##g(m)");
    for (int g = 0; g < c.K; ++g)
      out.line("#define INST_{}(m) {}", g,
               choose("m", c.M, [&](int m) { return c.guests[g].inst(std::to_string(m)); }));
    out.line("#define UP(m) {}", choose("m", c.M, [&](int m) { return up(std::to_string(m)); }));
    out.line("#define LINKI(i) {}", c.links() == 0 ? "1" : choose("i", c.links(), [&](int i) { return link(i); }));
    out.line("#define SRC(g) (from_##g - 1)");
    out.line("#define EPISODE(g) (cur_##g != 0)");
    out.line("#define ACTIVE(g) (rs_##g >= RS_INIT && rs_##g <= RS_STATE_SENT)");
  }

  std::string link_macro() const override {
    return "#define LINK(a, b) ((a) == (b) -> 1 : ((a) < (b) -> LINKI(TRI(a, b)) : LINKI(TRI(b, a))))";
  }

  // One copy of each helper per guest: its variables are the guest's own.
  void declare_helpers(PromelaText& out, const ExportContext& c) const override {
    out.line("/* Per guest g: set_inst_<g>(m, value) writes inst_<g>_<m> for a variable m. */");
    for (int g = 0; g < c.K; ++g) {
      out.line("inline set_inst_{}(mm, value) {{", g);
      out.line("  if");
      for (int m = 0; m < c.M; ++m) out.line("  :: (mm) == {} -> {} = value", m, c.guests[g].inst(std::to_string(m)));
      out.line("  fi");
      out.line("}}");
    }
    for (const GuestText& t : c.guests) guest_helpers(out, c, t);
  }

  // A FIFO is a base-8 number, head lowest: a send is an or at the length,
  // a pop a shift.
  void declare_channels(PromelaText& out, const ExportContext&, const GuestText& t) const override {
    std::vector<std::string> clear;
    for (const char* ch : {"sd", "ds"}) {
      const std::string n = field(("n_" + std::string(ch)).c_str(), t.g);
      const std::string fifo = field(("c_" + std::string(ch)).c_str(), t.g);
      out.line("inline {} {{  /* lost unless both ends and their link are up */",
               call(("send_" + std::string(ch)).c_str(), t.g, "message"));
      out.line("  if");
      out.line("  :: {} && {} && LINK(src, dst) ->", up("src"), up("dst"));
      out.line("     assert({} < CAP);  /* spec section 2: no send finds a full channel */", n);
      out.line("     {0} = {0} | (message << (3 * {1})); {1}++", fifo, n);
      out.line("  :: else -> skip");
      out.line("  fi");
      out.line("}}");
      out.line("inline {0} {{ msg = {1} & 7; {1} = {1} >> 3; {2}-- }}", call(("pop_" + std::string(ch)).c_str(), t.g, ""),
               fifo, n);
      clear.push_back(fifo + " = 0");
      clear.push_back(n + " = 0");
    }
    out.line("inline {} {{", t.empty_channels);
    out.line("  {}", join(clear, ";\n  "));
    out.line("}}");
  }
};

}  // namespace

std::unique_ptr<Layout> packed_layout() { return std::make_unique<PackedLayout>(); }

}  // namespace lgr::promela
