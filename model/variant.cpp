#include "model/variant.hpp"

#include <stdexcept>

namespace lgr {

const std::vector<VariantInfo>& all_variants() {
  static const std::vector<VariantInfo> kAll = {
      {Variant::EarlyResume, "early-resume", "DstReceive STATE sets RUNNING instead of READY",
       "SingleInstance, OwnerRuns"},
      {Variant::DstCancelDiscards, "dst-cancel-discards",
       "CancelAtDst also discards the destination's instance", "NoLostGuest"},
      {Variant::NoFinalCheck, "no-final-check", "SrcFinalCheck ignores ineligibility",
       "EligibleAtCommit"},
      {Variant::NoDirtyResend, "no-dirty-resend",
       "SrcFinalCheck sends STATE(full = not dirty)", "ImageIntegrity"},
      {Variant::IgnoreMaxquiesce, "ignore-maxquiesce",
       "Tick never cancels for quiesce time", "QuiesceBound"},
      {Variant::NoReservation, "no-reservation",
       "storage checks count only RUNNING and QUIESCED instances", "Capacity"},
      {Variant::NoPdrArbitration, "no-pdr-arbitration",
       "DstDetectPeerDown resumes a READY guest without reading the ownership record",
       "SingleInstance"},
      {Variant::SrcIgnoresDstFailure, "src-ignores-dst-failure",
       "SrcDetectPeerDown is not enabled when only the destination is down", "NoDeadlock"},
      {Variant::CancelStaysQuiesced, "cancel-stays-quiesced",
       "SrcCancel does not resume a QUIESCED guest: it stays QUIESCED on the source", "ResumedOnSource"},
      {Variant::RetryRefused, "retry-refused",
       "SrcReceive REFUSED resends CREATE instead of ending the relocation (extension)",
       "Termination"},
  };
  return kAll;
}

std::vector<std::string> VariantSet::names() const {
  std::vector<std::string> out;
  for (const auto& v : all_variants())
    if (has(v.variant)) out.emplace_back(v.name);
  return out;
}

std::optional<Variant> parse_variant(std::string_view name) {
  for (const auto& v : all_variants())
    if (name == v.name) return v.variant;
  return std::nullopt;
}

VariantSet parse_variants(const std::vector<std::string>& names) {
  VariantSet set;
  for (const auto& n : names) {
    auto v = parse_variant(n);
    if (!v) {
      std::string known;
      for (const auto& info : all_variants()) known += (known.empty() ? "" : ", ") + std::string(info.name);
      throw std::invalid_argument("unknown variant '" + n + "' (known: " + known + ")");
    }
    set.add(*v);
  }
  return set;
}

}  // namespace lgr
