// Blocks 15 to 17 of the successor function: a member or a link fails, and
// Tick, which advances every timed guest at once. These touch every guest,
// so each normalises every guest.
#include "crosscheck/promela/action_steps.hpp"

namespace lgr::promela {

using namespace fmt::literals;

namespace {

void normalise_all(const ExportContext& c, Step& s) {
  for (const GuestText& t : c.guests) s.body.push_back(t.normalise);
}

}  // namespace

// 15. MemberFails(m)
Step member_fails(const ExportContext& c, const ActionInstance& a) {
  const std::string m = std::to_string(a.a);
  const std::string up = c.layout.up(m);
  Step s{"mfail_left > 0 && " + up, {up + " = 0", "mfail_left--"}};
  for (const GuestText& t : c.guests) {
    s.body.push_back(when(t.fill("RUNS({inst}) || ({inst} == I_READY && {own} == {m})", "inst"_a = t.inst(m), "m"_a = m),
                          t.lost + " = 1"));
    s.body.push_back(t.set_inst(m, "I_NONE"));
    s.body.push_back(when(t.fill("EPISODE({g}) && SRC({g}) == {m}", "m"_a = m), t.fill("{rs} = RS_NONE; {reset_progress}")));
    s.body.push_back(when(t.fill("EPISODE({g}) && (SRC({g}) == {m} || DST_{g} == {m})", "m"_a = m), t.empty_channels));
  }
  normalise_all(c, s);
  return s;
}

// 16. LinkFails(a, b)
Step link_fails(const ExportContext& c, const ActionInstance& a) {
  const std::string link = c.layout.link(c.link_index(a.a, a.b));
  Step s{"lfail_left > 0 && " + link, {link + " = 0", "lfail_left--"}};
  for (const GuestText& t : c.guests)
    s.body.push_back(when(t.fill("EPISODE({g}) && ((SRC({g}) == {x} && DST_{g} == {y}) || (SRC({g}) == {y} && DST_{g} == {x}))",
                                 "x"_a = a.a, "y"_a = a.b),
                          t.empty_channels));
  normalise_all(c, s);
  return s;
}

// 17. Tick. A guest's condition reads only its own variables, which only
// its own block changes, so evaluating it in turn equals evaluating it on
// the state before the Tick.
Step tick(const ExportContext& c, const ActionInstance&) {
  const bool ignore_q = c.has(Variant::IgnoreMaxquiesce);
  std::vector<std::string> any;
  Step s;
  for (const GuestText& t : c.guests) {
    const std::string timed =
        t.fill("(EPISODE({g}) && ((ACTIVE({g}) && MAXT_{g} > 0) || "
               "(({rs} == RS_QUIESCED || {rs} == RS_STATE_SENT) && MAXQ_{g} > 0)))");
    any.push_back(timed);
    const std::string cap_q =
        ignore_q ? t.fill("; if :: {qtime} > MAXQ_{g} + 1 -> {qtime} = MAXQ_{g} + 1 :: else -> skip fi") : "";
    const std::string timeout =
        ignore_q ? t.fill("MAXT_{g} > 0 && {elapsed} >= MAXT_{g}")
                 : t.fill("(MAXT_{g} > 0 && {elapsed} >= MAXT_{g}) || (MAXQ_{g} > 0 && {qtime} >= MAXQ_{g})");
    s.body.push_back(t.fill("if\n"
                            "       :: {timed} ->\n"
                            "          {episode_vars};\n"
                            "          if :: MAXT_{g} > 0 -> {elapsed}++ :: else -> skip fi;\n"
                            "          if :: MAXQ_{g} > 0 && {inst_src} == I_QUIESCED -> {qtime}++{cap_q} :: else -> skip fi;\n"
                            "          if :: {timeout} -> {src_cancel} :: else -> skip fi\n"
                            "       :: else -> skip\n"
                            "       fi",
                            "timed"_a = timed, "episode_vars"_a = episode_vars(t), "cap_q"_a = cap_q,
                            "timeout"_a = timeout));
  }
  normalise_all(c, s);
  s.guard = "(" + join(any, " ||\n              ") + ")";
  return s;
}

}  // namespace lgr::promela
