// Static eligibility and storage checks of spec section 1: what VMRELOCATE
// TEST and the Move guard evaluate.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/config.hpp"

namespace lgr {

enum class Reason : uint8_t {
  MULTICONFIG,
  RELOCATE_OFF,
  MODE,
  CONNECTED,
  CPU_TYPE,
  IPL,
  DCSS_MISSING,
  DCSS_RANGE,
  DEVICE,
  VSWITCH,
  CRYPTO,
  SPOOL,
  DOMAIN,
  ARCHITECTURE,
  STORAGE_CURRENT,
  STORAGE_PAGING,
  STORAGE_MAX,
  STORAGE_MAX_PAGING,
};

// The stable code, e.g. "DCSS_RANGE".
const char* reason_code(Reason r);
// A sentence a z/VM operator understands, naming the guest and destination.
std::string reason_message(const Config& cfg, int guest, int dest, Reason r);
// Same, for the storage codes with the figure used(dest) in the sentence.
std::string reason_message(const Config& cfg, int guest, int dest, Reason r, int64_t used_d);

// Failing static checks for request `q`, in the order of the spec's table.
std::vector<Reason> static_reasons(const Config& cfg, int q);
// Same for an ad-hoc test of guest g to member d with the given forces.
std::vector<Reason> static_reasons(const Config& cfg, int g, int d, bool force_domain,
                                   bool force_architecture);

// Failing storage checks, given used(d) (the storage reserved on d now).
std::vector<Reason> storage_reasons(const Config& cfg, int g, int d, int64_t used_d,
                                    bool force_storage);
// The hot-path form of storage_reasons(...).empty().
bool storage_ok(const Config& cfg, int g, int d, int64_t used_d, bool force_storage);

// varch(g): the intersection of the facilities of the members of g's domain.
std::vector<std::string> virtual_architecture(const Config& cfg, int g);

}  // namespace lgr
