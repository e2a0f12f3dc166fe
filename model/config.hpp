// The cluster configuration of spec section 1, after defaults and validation.
// Indexes (member, domain, guest, request) follow the order of the JSON file.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lgr {

inline constexpr int kMaxMembers = 8;
inline constexpr int kMaxGuests = 8;

struct Member {
  std::string name;
  int64_t storage = 0;
  int64_t paging = 0;
  std::vector<std::string> facilities;
  std::vector<std::string> eqids;
  std::vector<std::string> vswitches;
  std::vector<std::string> dcss;
  std::optional<std::string> crypto;
};

// Configured domains first, then "SSI" (all members), then one single-member
// domain per member, named after it (spec section 1).
struct Domain {
  std::string name;
  std::vector<int> members;  // member indexes
};

struct DcssUse {
  std::string name;
  std::optional<std::string> range;  // "SR", "SW", "SC", "SN", ...
};

struct Guest {
  std::string name;
  int home = 0;  // member index
  int64_t memory = 0;
  int64_t max_memory = 0;
  std::string domain = "SSI";
  int domain_index = 0;  // into Config::domains
  bool single_config = true;
  bool vmrelocate = true;
  std::string mode = "ESA";
  bool disconnected = true;
  std::vector<std::string> cpu_types{"CP"};
  std::string ipl = "device";
  std::vector<std::string> eqids;
  std::vector<std::string> vswitches;
  std::vector<DcssUse> dcss;
  std::optional<std::string> crypto;
  bool open_spool = false;
};

struct Request {
  int guest = 0;  // guest index
  int to = 0;     // member index
  bool sync = true;
  bool immediate = false;
  int64_t maxquiesce = 2;  // 0 = NOLIMIT
  int64_t maxtotal = 0;    // 0 = NOLIMIT
  bool force_storage = false;
  bool force_domain = false;
  bool force_architecture = false;
};

struct Bounds {
  int64_t moves = 1;
  int64_t cancels = 1;
  int64_t member_failures = 1;
  int64_t link_failures = 1;
  int64_t eligibility_changes = 1;
  int64_t passes = 2;
};

struct Config {
  std::string name;
  std::string path;  // file it was loaded from ("" when parsed from a string)
  std::vector<Member> members;
  std::vector<Domain> domains;
  std::vector<Guest> guests;
  std::vector<Request> requests;
  Bounds bounds;

  int member_index(const std::string& n) const;  // -1 when unknown
  int guest_index(const std::string& n) const;   // -1 when unknown
  int domain_index(const std::string& n) const;  // -1 when unknown
};

// A rejected configuration. what() is the whole one-line message:
// "FILE: /json/pointer: why", "FILE:LINE:COL: /json/pointer: why" (a repeated
// key, a number beyond a double) or "FILE:LINE:COL: why" for malformed JSON.
struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// The file itself cannot be read: missing, not a regular file (/dev/zero, a
// FIFO), or over 16 MiB. what(): "FILE: cannot open: ..." / "FILE: cannot read: ...".
struct ConfigFileError : ConfigError {
  ConfigFileError(const std::string& path, const std::string& why) : ConfigError(path + ": " + why), reason(why) {}
  std::string reason;  // what() without "FILE: "
};

// Loads, applies the defaults of spec section 1, validates. Throws ConfigError.
// Member, guest and domain names come back in upper case, and the lookups
// below take a name in any case.
Config load_config(const std::string& path);
// Same, from text; `origin` names the source in error messages.
Config parse_config(const std::string& text, const std::string& origin);

}  // namespace lgr
