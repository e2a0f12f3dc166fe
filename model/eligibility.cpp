// Static eligibility and storage checks (spec section 1). The helpers that
// find the offending items serve both the checks and the messages, so a
// message always names exactly what made its check fail.
#include "model/eligibility.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

namespace lgr {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// Items of `wanted` absent from `have`, in the order of `wanted`, once each.
std::vector<std::string> missing(const std::vector<std::string>& wanted,
                                 const std::vector<std::string>& have) {
  std::vector<std::string> out;
  for (const std::string& w : wanted)
    if (!contains(have, w) && !contains(out, w)) out.push_back(w);
  return out;
}

std::vector<std::string> unsupported_cpu_types(const Guest& g) {
  return missing(g.cpu_types, {"CP", "IFL"});
}

bool mode_supported(const Guest& g) { return g.mode == "ESA" || g.mode == "XA"; }
bool ipl_supported(const Guest& g) { return g.ipl == "device" || g.ipl == "nss"; }

std::vector<std::string> missing_dcss(const Guest& g, const Member& d) {
  std::vector<std::string> used;
  for (const DcssUse& use : g.dcss) used.push_back(use.name);
  return missing(used, d.dcss);
}

// Exclusive or writable ranges cannot be shared with the destination's copy.
bool restricted_range(const DcssUse& use) {
  return use.range && (*use.range == "SW" || *use.range == "SC" || *use.range == "SN");
}

std::vector<std::string> restricted_dcss(const Guest& g) {
  std::vector<std::string> out;
  for (const DcssUse& use : g.dcss)
    if (restricted_range(use)) out.push_back(fmt::format("{} ({})", use.name, *use.range));
  return out;
}

bool crypto_mismatch(const Guest& g, const Member& d) { return g.crypto && g.crypto != d.crypto; }

bool in_domain(const Config& cfg, int g, int d) {
  const Domain& domain = cfg.domains[cfg.guests[g].domain_index];
  return std::find(domain.members.begin(), domain.members.end(), d) != domain.members.end();
}

std::vector<std::string> missing_facilities(const Config& cfg, int g, int d) {
  return missing(virtual_architecture(cfg, g), cfg.members[d].facilities);
}

// One storage check; shared by storage_reasons and the allocation-free storage_ok.
bool storage_fails(const Guest& g, const Member& d, int64_t used_d, Reason r) {
  switch (r) {
    case Reason::STORAGE_CURRENT:
      return g.memory + used_d > d.storage;
    case Reason::STORAGE_PAGING:
      return g.memory > d.paging;
    case Reason::STORAGE_MAX:
      return g.max_memory + used_d > d.storage;
    case Reason::STORAGE_MAX_PAGING:
      return g.max_memory > d.paging;
    default:
      return false;
  }
}

constexpr Reason kSoftStorage[] = {Reason::STORAGE_PAGING, Reason::STORAGE_MAX,
                                   Reason::STORAGE_MAX_PAGING};

// "facility GIEF" / "facilities GIEF, VX": items named in a message.
std::string named(const char* singular, const char* plural, const std::vector<std::string>& items) {
  return fmt::format("{} {}", items.size() == 1 ? singular : plural, fmt::join(items, ", "));
}

// "DCSS CMS is" / "DCSSs CMS, GCS are": the subject of a message sentence.
std::string subject(const char* singular, const char* plural,
                    const std::vector<std::string>& items) {
  return named(singular, plural, items) + (items.size() == 1 ? " is" : " are");
}

std::string domain_description(const Config& cfg, const Domain& domain) {
  std::vector<std::string> names;
  for (int m : domain.members) names.push_back(cfg.members[m].name);
  return fmt::format("{} ({})", domain.name, fmt::join(names, ", "));
}

// `used_d` is absent when the caller has no state at hand.
std::string storage_detail(const Guest& g, const Member& d, std::optional<int64_t> used_d,
                           Reason r) {
  std::string in_use = used_d ? fmt::format("{} in use", *used_d) : "the storage in use";
  switch (r) {
    case Reason::STORAGE_CURRENT:
      return fmt::format("its storage {} plus {} on {} exceeds the storage of {} ({})", g.memory,
                         in_use, d.name, d.name, d.storage);
    case Reason::STORAGE_PAGING:
      return fmt::format("its storage {} exceeds the paging space of {} ({})", g.memory, d.name,
                         d.paging);
    case Reason::STORAGE_MAX:
      return fmt::format("its maximum storage {} plus {} on {} exceeds the storage of {} ({})",
                         g.max_memory, in_use, d.name, d.name, d.storage);
    case Reason::STORAGE_MAX_PAGING:
      return fmt::format("its maximum storage {} exceeds the paging space of {} ({})", g.max_memory,
                         d.name, d.paging);
    default:
      return {};
  }
}

std::string static_detail(const Config& cfg, int gi, int di, Reason r) {
  const Guest& g = cfg.guests[gi];
  const Member& d = cfg.members[di];
  switch (r) {
    case Reason::MULTICONFIG:
      return "it is a multiconfiguration virtual machine (IDENTITY); only single-configuration "
             "users can relocate";
    case Reason::RELOCATE_OFF:
      return "relocation is disabled for it (OPTION VMRELOCATE OFF)";
    case Reason::MODE:
      return fmt::format(
          "its virtual machine mode {} is not supported; only ESA or XA can relocate", g.mode);
    case Reason::CONNECTED:
      return "it is connected to a terminal; only disconnected users can relocate";
    case Reason::CPU_TYPE:
      return fmt::format(
          "{} not supported; only CP and IFL can relocate",
          subject("virtual CPU type", "virtual CPU types", unsupported_cpu_types(g)));
    case Reason::IPL:
      return fmt::format("its ipl is {}; only a guest IPLed from a device or an NSS can relocate", g.ipl);
    case Reason::DCSS_MISSING:
      return fmt::format("{} not defined on {}", subject("DCSS", "DCSSs", missing_dcss(g, d)),
                         d.name);
    case Reason::DCSS_RANGE:
      return fmt::format(
          "{} loaded with a restricted range; only shared read-only DCSSs can relocate",
          subject("DCSS", "DCSSs", restricted_dcss(g)));
    case Reason::DEVICE:
      return fmt::format("{} not available on {}",
                         subject("EQID", "EQIDs", missing(g.eqids, d.eqids)), d.name);
    case Reason::VSWITCH:
      return fmt::format("{} not defined on {}",
                         subject("VSWITCH", "VSWITCHes", missing(g.vswitches, d.vswitches)),
                         d.name);
    case Reason::CRYPTO:
      return fmt::format("its crypto {} is not available on {} ({} has {})", g.crypto.value_or(""),
                         d.name, d.name, d.crypto.value_or("none"));
    case Reason::SPOOL:
      return "it has open spool files";
    case Reason::DOMAIN:
      return fmt::format("{} is not in its relocation domain {}", d.name,
                         domain_description(cfg, cfg.domains[g.domain_index]));
    case Reason::ARCHITECTURE:
      return fmt::format("{} lacks {} of its virtual architecture (domain {})", d.name,
                         named("facility", "facilities", missing_facilities(cfg, gi, di)),
                         g.domain);
    default:
      return {};
  }
}

std::string message(const Config& cfg, int g, int d, Reason r, std::optional<int64_t> used_d) {
  std::string detail = static_detail(cfg, g, d, r);
  if (detail.empty()) detail = storage_detail(cfg.guests[g], cfg.members[d], used_d, r);
  return fmt::format("User {} cannot be relocated to {}: {}", cfg.guests[g].name,
                     cfg.members[d].name, detail);
}

}  // namespace

const char* reason_code(Reason r) {
  switch (r) {
    case Reason::MULTICONFIG:
      return "MULTICONFIG";
    case Reason::RELOCATE_OFF:
      return "RELOCATE_OFF";
    case Reason::MODE:
      return "MODE";
    case Reason::CONNECTED:
      return "CONNECTED";
    case Reason::CPU_TYPE:
      return "CPU_TYPE";
    case Reason::IPL:
      return "IPL";
    case Reason::DCSS_MISSING:
      return "DCSS_MISSING";
    case Reason::DCSS_RANGE:
      return "DCSS_RANGE";
    case Reason::DEVICE:
      return "DEVICE";
    case Reason::VSWITCH:
      return "VSWITCH";
    case Reason::CRYPTO:
      return "CRYPTO";
    case Reason::SPOOL:
      return "SPOOL";
    case Reason::DOMAIN:
      return "DOMAIN";
    case Reason::ARCHITECTURE:
      return "ARCHITECTURE";
    case Reason::STORAGE_CURRENT:
      return "STORAGE_CURRENT";
    case Reason::STORAGE_PAGING:
      return "STORAGE_PAGING";
    case Reason::STORAGE_MAX:
      return "STORAGE_MAX";
    case Reason::STORAGE_MAX_PAGING:
      return "STORAGE_MAX_PAGING";
  }
  return "UNKNOWN";
}

std::string reason_message(const Config& cfg, int guest, int dest, Reason r) {
  return message(cfg, guest, dest, r, std::nullopt);
}

std::string reason_message(const Config& cfg, int guest, int dest, Reason r, int64_t used_d) {
  return message(cfg, guest, dest, r, used_d);
}

std::vector<Reason> static_reasons(const Config& cfg, int q) {
  const Request& request = cfg.requests[q];
  return static_reasons(cfg, request.guest, request.to, request.force_domain,
                        request.force_architecture);
}

std::vector<Reason> static_reasons(const Config& cfg, int gi, int di, bool force_domain,
                                   bool force_architecture) {
  const Guest& g = cfg.guests[gi];
  const Member& d = cfg.members[di];
  std::vector<Reason> out;
  auto check = [&out](bool fails, Reason r) {
    if (fails) out.push_back(r);
  };
  // The order of the spec's table.
  check(!g.single_config, Reason::MULTICONFIG);
  check(!g.vmrelocate, Reason::RELOCATE_OFF);
  check(!mode_supported(g), Reason::MODE);
  check(!g.disconnected, Reason::CONNECTED);
  check(!unsupported_cpu_types(g).empty(), Reason::CPU_TYPE);
  check(!ipl_supported(g), Reason::IPL);
  check(!missing_dcss(g, d).empty(), Reason::DCSS_MISSING);
  check(!restricted_dcss(g).empty(), Reason::DCSS_RANGE);
  check(!missing(g.eqids, d.eqids).empty(), Reason::DEVICE);
  check(!missing(g.vswitches, d.vswitches).empty(), Reason::VSWITCH);
  check(crypto_mismatch(g, d), Reason::CRYPTO);
  check(g.open_spool, Reason::SPOOL);
  check(!force_domain && !in_domain(cfg, gi, di), Reason::DOMAIN);
  check(!force_architecture && !missing_facilities(cfg, gi, di).empty(), Reason::ARCHITECTURE);
  return out;
}

std::vector<Reason> storage_reasons(const Config& cfg, int g, int d, int64_t used_d,
                                    bool force_storage) {
  const Guest& guest = cfg.guests[g];
  const Member& member = cfg.members[d];
  std::vector<Reason> out;
  if (storage_fails(guest, member, used_d, Reason::STORAGE_CURRENT))
    out.push_back(Reason::STORAGE_CURRENT);
  if (force_storage) return out;
  for (Reason r : kSoftStorage)
    if (storage_fails(guest, member, used_d, r)) out.push_back(r);
  return out;
}

bool storage_ok(const Config& cfg, int g, int d, int64_t used_d, bool force_storage) {
  const Guest& guest = cfg.guests[g];
  const Member& member = cfg.members[d];
  if (storage_fails(guest, member, used_d, Reason::STORAGE_CURRENT)) return false;
  if (force_storage) return true;
  return std::none_of(std::begin(kSoftStorage), std::end(kSoftStorage),
                      [&](Reason r) { return storage_fails(guest, member, used_d, r); });
}

std::vector<std::string> virtual_architecture(const Config& cfg, int g) {
  const Domain& domain = cfg.domains[cfg.guests[g].domain_index];
  std::vector<std::string> out;
  if (domain.members.empty()) return out;
  for (const std::string& f : cfg.members[domain.members.front()].facilities) {
    bool everywhere = std::all_of(domain.members.begin(), domain.members.end(),
                                  [&](int m) { return contains(cfg.members[m].facilities, f); });
    if (everywhere && !contains(out, f)) out.push_back(f);
  }
  return out;
}

}  // namespace lgr
