// Where each variable of spec section 2 lives in the packed state. The widths
// come from the configuration (members, requests, bounds), so a small cluster
// gets a small state.
#pragma once

#include <array>
#include <cstdint>

#include "model/bit_field.hpp"
#include "model/config.hpp"

namespace lgr {

// 16 words = 1024 bits: room for 8 members and 8 guests with a few passes.
inline constexpr uint32_t kMaxStateWords = 16;

struct GuestFields {
  BitField own;
  std::array<BitField, kMaxMembers> inst;
  BitField rs, cur, from, pass, dirty, elapsed, qtime, inelig, img_ok;
  BitField c_sd, c_ds;
  BitField lost, bad_image, bad_commit;
};

struct StateLayout {
  std::array<BitField, kMaxMembers> up;
  std::array<std::array<BitField, kMaxMembers>, kMaxMembers> link;  // a < b only
  BitField moves_left, cancels_left, mfail_left, lfail_left, elig_left;
  std::array<GuestFields, kMaxGuests> g;
  uint32_t words = 0;
  uint32_t bits = 0;
  int channel_capacity = 0;  // passes + 3 + cancels (spec section 2)

  // Throws ConfigError when the state would not fit kMaxStateWords, or a
  // channel would not fit one word.
  static StateLayout for_config(const Config& cfg);
};

}  // namespace lgr
