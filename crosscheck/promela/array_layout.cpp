// The arrays layout: one byte (or bit) array per variable of spec section 2,
// indexed by guest (and member), channels as byte arrays with lengths. Easy
// to read in a SPIN trail; the helpers exist once, with a guest parameter.
#include <algorithm>

#include "crosscheck/promela/export_context.hpp"
#include "crosscheck/promela/guest_helpers.hpp"

namespace lgr::promela {
namespace {

class ArrayLayout final : public Layout {
 public:
  const char* option() const override { return ""; }
  void describe(PromelaText&) const override {}
  const char* request_variable() const override { return "cur[g]"; }
  void check_fits(const ExportContext&) const override {}

  std::string field(const char* name, const std::string& g) const override { return std::string(name) + "[" + g + "]"; }
  std::string inst(const std::string& g, const std::string& m) const override { return "INST(" + g + ", " + m + ")"; }
  std::string set_inst(const std::string& g, const std::string& m, const std::string& value) const override {
    return inst(g, m) + " = " + value;
  }
  std::string up(const std::string& m) const override { return "up[" + m + "]"; }
  std::string link(int pair) const override { return "link[" + std::to_string(pair) + "]"; }
  std::string call(const char* helper, const std::string& g, const std::string& args) const override {
    return std::string(helper) + "(" + g + (args.empty() ? "" : ", " + args) + ")";
  }

  void declare_state(PromelaText& out, const ExportContext& c) const override {
    const Bounds& b = c.cfg.bounds;
    std::vector<std::string> own, inst;
    for (int g = 0; g < c.K; ++g) {
      own.push_back(std::to_string(c.cfg.guests[g].home));
      for (int m = 0; m < c.M; ++m) inst.push_back(m == c.cfg.guests[g].home ? "I_RUNNING" : "I_NONE");
    }
    out.line("/* The state: exactly the variables of spec section 2, each initialised here. */");
    out.line("bit up[MEMBERS] = 1;");
    out.line("bit link[{}] = 1;  /* member pairs a < b, in order; see LINK */", std::max(c.links(), 1));
    out.line("{} moves_left = {};", int_type(b.moves), b.moves);
    out.line("{} cancels_left = {};", int_type(b.cancels), b.cancels);
    out.line("{} mfail_left = {};", int_type(b.member_failures), b.member_failures);
    out.line("{} lfail_left = {};", int_type(b.link_failures), b.link_failures);
    out.line("{} elig_left = {};", int_type(b.eligibility_changes), b.eligibility_changes);
    out.line("/* per guest g (and member m: index g * MEMBERS + m) */");
    out.line("byte own[GUESTS] = {{ {} }};", join(own, ", "));
    out.line("byte inst[{}] = {{ {} }};", c.K * c.M, join(inst, ", "));
    out.line("byte rs[GUESTS] = RS_NONE;");
    out.line("byte cur[GUESTS] = 0;   /* 0: no episode; k: the guest's k-th request */");
    out.line("byte from[GUESTS] = 0;  /* 0: none; m + 1: member m */");
    out.line("{} pass[GUESTS] = 0;", int_type(b.passes));
    out.line("bit dirty[GUESTS] = 0;");
    out.line("{} elapsed[GUESTS] = 0;", int_type(c.max_elapsed()));
    out.line("{} qtime[GUESTS] = 0;", int_type(c.max_qtime()));
    out.line("bit inelig[GUESTS] = 0;");
    out.line("bit img_ok[GUESTS] = 0;");
    out.line("byte c_sd[{}] = 0;  /* guest g's source-to-destination FIFO: c_sd[g * CAP ..], head first */",
             c.K * c.cap);
    out.line("byte n_sd[GUESTS] = 0;");
    out.line("byte c_ds[{}] = 0;  /* destination to source, likewise */", c.K * c.cap);
    out.line("byte n_ds[GUESTS] = 0;");
    out.line("bit lost[GUESTS] = 0;       /* ghost */");
    out.line("bit bad_image[GUESTS] = 0;  /* ghost */");
    out.line("bit bad_commit[GUESTS] = 0; /* ghost */");
  }

  void declare_access(PromelaText& out, const ExportContext&) const override {
    out.line("#define INST(g, m) inst[(g) * MEMBERS + (m)]");
    out.line("#define SRC(g) (from[g] - 1)");
    out.line("#define EPISODE(g) (cur[g] != 0)");
    out.line("#define ACTIVE(g) (rs[g] >= RS_INIT && rs[g] <= RS_STATE_SENT)");
  }

  std::string link_macro() const override {
    return "#define LINK(a, b) ((a) == (b) -> 1 : ((a) < (b) -> link[TRI(a, b)] : link[TRI(b, a)]))";
  }

  void declare_helpers(PromelaText& out, const ExportContext& c) const override {
    guest_helpers(out, c, GuestText(*this, "g"));
  }

  // Byte arrays with lengths; a pop moves the rest up, so that equal FIFOs
  // are equal bytes.
  void declare_channels(PromelaText& out, const ExportContext& c, const GuestText& t) const override {
    std::vector<std::string> clear;
    for (const char* ch : {"sd", "ds"}) {
      const std::string n = field(("n_" + std::string(ch)).c_str(), t.g);
      const std::string base = "(" + t.g + ") * CAP";
      out.line("inline {} {{  /* lost unless both ends and their link are up */",
               call(("send_" + std::string(ch)).c_str(), t.g, "message"));
      out.line("  if");
      out.line("  :: {} && {} && LINK(src, dst) ->", up("src"), up("dst"));
      out.line("     assert({} < CAP);  /* spec section 2: no send finds a full channel */", n);
      out.line("     c_{}[{} + {}] = message; {}++", ch, base, n, n);
      out.line("  :: else -> skip");
      out.line("  fi");
      out.line("}}");
      std::vector<std::string> shift{fmt::format("msg = c_{}[{}]", ch, base)};
      for (int i = 0; i + 1 < c.cap; ++i) shift.push_back(fmt::format("c_{0}[{1} + {2}] = c_{0}[{1} + {3}]", ch, base, i, i + 1));
      shift.push_back(fmt::format("c_{}[{} + {}] = 0", ch, base, c.cap - 1));
      shift.push_back(n + "--");
      out.line("inline {} {{  /* head into msg; the rest moves up, so equal FIFOs are equal bytes */",
               call(("pop_" + std::string(ch)).c_str(), t.g, ""));
      out.line("  {}", join(shift, ";\n  "));
      out.line("}}");
      for (int i = 0; i < c.cap; ++i) clear.push_back(fmt::format("c_{}[{} + {}] = 0", ch, base, i));
      clear.push_back(n + " = 0");
    }
    out.line("inline {} {{", t.empty_channels);
    out.line("  {}", join(clear, ";\n  "));
    out.line("}}");
  }
};

}  // namespace

std::unique_ptr<Layout> array_layout() { return std::make_unique<ArrayLayout>(); }

}  // namespace lgr::promela
