// Protocol variants of spec section 5 (and extensions, off by default): each
// flips one rule so that a test can show the checker catches it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lgr {

enum class Variant : uint32_t {
  EarlyResume = 1u << 0,
  DstCancelDiscards = 1u << 1,
  NoFinalCheck = 1u << 2,
  NoDirtyResend = 1u << 3,
  IgnoreMaxquiesce = 1u << 4,
  NoReservation = 1u << 5,
  NoPdrArbitration = 1u << 6,
  SrcIgnoresDstFailure = 1u << 7,
  RetryRefused = 1u << 8,  // extension (liveness): REFUSED resends CREATE
  CancelStaysQuiesced = 1u << 9,
};

// A set of variants as a bit mask; empty is the canonical model.
class VariantSet {
 public:
  VariantSet() = default;
  bool has(Variant v) const { return (bits_ & static_cast<uint32_t>(v)) != 0; }
  void add(Variant v) { bits_ |= static_cast<uint32_t>(v); }
  bool empty() const { return bits_ == 0; }
  uint32_t bits() const { return bits_; }
  // Command-line names in canonical order, e.g. {"early-resume"}.
  std::vector<std::string> names() const;

 private:
  uint32_t bits_ = 0;
};

struct VariantInfo {
  Variant variant;
  const char* name;         // command-line value
  const char* rule;         // the rule it changes, in words
  const char* caught_by;    // the property expected to catch it
};

// Every variant, in the order of the spec's table (extensions last).
const std::vector<VariantInfo>& all_variants();
std::optional<Variant> parse_variant(std::string_view name);
// Throws std::invalid_argument("unknown variant 'x' (known: ...)") on a bad name.
VariantSet parse_variants(const std::vector<std::string>& names);

}  // namespace lgr
