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

// The 3-bit inst[] lanes of a guest that lie in one word of the state.
struct InstLanes {
  uint32_t word = 0;
  uint64_t bits = 0;  // the lanes' bits
  uint64_t low = 0;   // the lowest bit of each lane
};

// Fields cleared together, in at most two words: t[word[i]] &= ~bits[i]
// for both (an unused second entry has no bits, so clearing it is a no-op).
struct ClearBits {
  std::array<uint32_t, 2> word{};
  std::array<uint64_t, 2> bits{};
};

struct GuestFields {
  BitField own;
  std::array<BitField, kMaxMembers> inst;
  BitField rs, cur, from, pass, dirty, elapsed, qtime, inelig, img_ok;
  BitField c_sd, c_ds;
  BitField lost, bad_image, bad_commit;

  // For normalisation, which follows most transitions: the inst[] lanes
  // by word, so that "no SHADOW or READY instance" takes a test per word
  // instead of a read per member.
  std::array<InstLanes, 2> inst_lanes{};  // [0, inst_words)
  uint32_t inst_words = 0;
  // pass, dirty, elapsed, qtime (an episode's progress), and what the end
  // of an episode clears: cur, from, the progress and img_ok.
  ClearBits progress, episode_end;
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
