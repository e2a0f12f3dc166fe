// The variables of spec section 2, decoded from the packed state into plain
// data: guards and invariants read this, effects write the packed words.
#pragma once

#include <array>
#include <cstdint>

#include "model/config.hpp"

namespace lgr {

enum Inst : uint8_t { I_NONE = 0, I_RUNNING, I_QUIESCED, I_SHADOW, I_READY };
enum Rs : uint8_t { RS_NONE = 0, RS_INIT, RS_MEMORY, RS_QUIESCED, RS_STATE_SENT, RS_CANCELING };

// Channel messages are coded 1..N so that a channel is a base-8 number whose
// lowest digit is the head and 0 means empty (no separate length needed).
enum SdMsg : uint8_t { SD_CREATE = 1, SD_MEM, SD_STATE_PARTIAL, SD_STATE_FULL, SD_RESUME, SD_CANCEL };
enum DsMsg : uint8_t { DS_CREATED = 1, DS_REFUSED, DS_ACK_STATE, DS_CANCEL_REQ, DS_CANCEL_ACK };

inline constexpr int kNone = -1;

struct GuestVars {
  int own = 0;
  std::array<uint8_t, kMaxMembers> inst{};
  uint8_t rs = RS_NONE;
  int cur = kNone;   // global request index
  int from = kNone;  // member index
  int pass = 0;
  bool dirty = false;
  int elapsed = 0;
  int qtime = 0;
  bool inelig = false;
  bool img_ok = false;
  uint64_t c_sd = 0;  // base-8 digits, head lowest
  uint64_t c_ds = 0;
  bool lost = false;
  bool bad_image = false;
  bool bad_commit = false;

  bool episode() const { return cur != kNone; }
  bool active() const { return rs >= RS_INIT && rs <= RS_STATE_SENT; }
};

struct StateVars {
  std::array<bool, kMaxMembers> up{};
  std::array<std::array<bool, kMaxMembers>, kMaxMembers> link{};  // symmetric; [a][a] = true
  int moves_left = 0;
  int cancels_left = 0;
  int mfail_left = 0;
  int lfail_left = 0;
  int elig_left = 0;
  std::array<GuestVars, kMaxGuests> g{};
};

inline int channel_head(uint64_t c) { return static_cast<int>(c & 7); }
inline int channel_length(uint64_t c) {
  int n = 0;
  for (; c != 0; c >>= 3) ++n;
  return n;
}

const char* inst_name(int i);
const char* rs_name(int r);
const char* sd_msg_name(int m);  // STATE without its bit
const char* ds_msg_name(int m);

}  // namespace lgr
