#include "crosscheck/promela/invariant_expressions.hpp"

namespace lgr::promela {

using namespace fmt::literals;

std::string invariant_expression(const ExportContext& c, PropertyId id) {
  std::vector<std::string> all;
  switch (id) {
    case PropertyId::SingleInstance:
      for (const GuestText& t : c.guests) {
        std::vector<std::string> n;
        for (int m = 0; m < c.M; ++m) n.push_back("(RUNS(" + t.inst(std::to_string(m)) + ") -> 1 : 0)");
        all.push_back("(" + join(n, " + ") + " <= 1)");
      }
      break;
    case PropertyId::OwnerRuns:
      for (const GuestText& t : c.guests)
        for (int m = 0; m < c.M; ++m)
          all.push_back(t.fill("(!RUNS({inst}) || {own} == {m})", "inst"_a = t.inst(std::to_string(m)), "m"_a = m));
      break;
    case PropertyId::NoLostGuest:
      for (const GuestText& t : c.guests) {
        std::vector<std::string> any{t.lost};
        for (int m = 0; m < c.M; ++m)
          any.push_back(t.fill("RUNS({inst}) || ({inst} == I_READY && {own} == {m})",
                               "inst"_a = t.inst(std::to_string(m)), "m"_a = m));
        all.push_back("(" + join(any, " || ") + ")");
      }
      break;
    case PropertyId::ImageIntegrity:
      for (const GuestText& t : c.guests) all.push_back("!" + t.bad_image);
      break;
    case PropertyId::EligibleAtCommit:
      for (const GuestText& t : c.guests) all.push_back("!" + t.bad_commit);
      break;
    case PropertyId::QuiesceBound:
      for (const GuestText& t : c.guests) all.push_back(t.fill("(!EPISODE({g}) || MAXQ_{g} == 0 || {qtime} < MAXQ_{g})"));
      break;
    case PropertyId::Capacity:
      for (int m = 0; m < c.M; ++m) all.push_back(fmt::format("USED_{} <= {}", m, c.clamp(c.cfg.members[m].storage)));
      break;
    case PropertyId::NoOrphanShadow:
      for (const GuestText& t : c.guests)
        for (int m = 0; m < c.M; ++m)
          all.push_back(t.fill("(!AT_DST({inst}) || (EPISODE({g}) && ({rs} != RS_NONE || {n_sd} != 0 || "
                               "{n_ds} != 0 || !{up_SRC} || !LINK(SRC({g}), {m}))))",
                               "inst"_a = t.inst(std::to_string(m)), "m"_a = m));
      break;
    case PropertyId::ResumedOnSource:
      // Once the relocation is over or cancelled, nothing is QUIESCED, and
      // before the commit a source that is up runs the guest.
      for (const GuestText& t : c.guests) {
        std::vector<std::string> unquiesced;
        for (int m = 0; m < c.M; ++m) unquiesced.push_back(t.inst(std::to_string(m)) + " != I_QUIESCED");
        all.push_back(t.fill("(({rs} != RS_NONE && {rs} != RS_CANCELING) || ({unquiesced} &&\n"
                             "      (!EPISODE({g}) || {own} != SRC({g}) || !{up_SRC} || {inst_SRC} == I_RUNNING)))",
                             "unquiesced"_a = join(unquiesced, " && ")));
      }
      break;
    case PropertyId::NoDeadlock:
      for (const GuestText& t : c.guests) all.push_back(t.fill("!EPISODE({g})"));
      break;
    case PropertyId::Termination:
    case PropertyId::SyncAnswered:
    case PropertyId::Commit:
    case PropertyId::CancelToSource:
    case PropertyId::GuestLost:
      break;  // liveness and sanity goals: not exported
  }
  return all.empty() ? "1" : "(" + join(all, " &&\n     ") + ")";
}

}  // namespace lgr::promela
