#include "crosscheck/promela/guest_helpers.hpp"

namespace lgr::promela {

void guest_helpers(PromelaText& out, const ExportContext& c, const GuestText& t) {
  out.line("/* The helpers below read the scratch src and dst of the episode. */");
  c.layout.declare_channels(out, c, t);
  // pass = elapsed = qtime = 0; dirty = false
  out.line("inline {} {{ {} = 0; {} = 0; {} = 0; {} = 0 }}", t.reset_progress, t.pass, t.elapsed, t.qtime, t.dirty);
  out.line("inline {} {{", t.src_cancel);
  // Variant cancel-stays-quiesced: a QUIESCED guest is not resumed.
  if (!c.has(Variant::CancelStaysQuiesced))
    out.line("  {};", when(t.inst_src + " == I_QUIESCED", t.set_inst("src", "I_RUNNING")));
  out.line("  {} = RS_CANCELING;", t.rs);
  out.line("  {};", t.reset_progress);
  out.line("  {}", t.send_sd("SD_CANCEL"));
  out.line("}}");
  std::vector<std::string> no_dst;
  for (int m = 0; m < c.M; ++m) no_dst.push_back("!AT_DST(" + t.inst(std::to_string(m)) + ")");
  out.line("/* spec section 2: an episode with nothing left in flight ends */");
  out.line("inline {} {{", t.normalise);
  out.line("  if");
  out.line("  :: EPISODE({}) && {} == RS_NONE && {} == 0 && {} == 0 &&", t.g, t.rs, t.n_sd, t.n_ds);
  out.line("     {} ->", join(no_dst, " && "));
  out.line("     {} = 0; {} = 0; {}; {} = 0", t.cur, t.from, t.reset_progress, t.img_ok);
  out.line("  :: else -> skip");
  out.line("  fi");
  out.line("}}");
  out.line("");
}

}  // namespace lgr::promela
