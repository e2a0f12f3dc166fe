// Loading, defaults and validation of the configuration (spec section 1).
//
// Every rejection is a ConfigError with one line:
//   "FILE: /json/pointer: why"   for a well-formed document that breaks a rule,
//   "FILE:LINE:COL: why"         for malformed JSON.
// nlohmann-json 3.11 keeps no source positions for parsed values, so the
// JSON pointer is what locates a semantic error.
#include "model/config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

namespace lgr {
namespace {

using nlohmann::json;
using Pointer = json::json_pointer;

// Storage sums and counters stay far from overflow, and a number this large
// is a typo rather than a cluster.
constexpr int64_t kMaxNumber = 2147483647;
// The state encodes per-request information in 32-bit words.
constexpr size_t kMaxRequests = 32;

std::string lowercase(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// A name as JSON writes it, so odd characters stay visible in one line.
std::string json_quoted(const std::string& s) { return json(s).dump(); }

std::string comma_list(const std::vector<std::string>& items) {
  return fmt::format("{}", fmt::join(items, ", "));
}

// nlohmann reports the 1-based index of the last byte it read (size+1 at end
// of input); editors want line and column of that byte.
std::pair<size_t, size_t> line_and_column(const std::string& text, size_t byte) {
  size_t offset = std::min(byte == 0 ? 0 : byte - 1, text.size());
  size_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, offset - line_start + 1};
}

// what() reads "[json.exception.parse_error.101] parse error at line 1,
// column 2: syntax error ..."; keep only the part after the position, since
// we print our own.
std::string parse_error_reason(const std::string& what) {
  size_t start = what.find("parse error");
  size_t colon = start == std::string::npos ? start : what.find(": ", start);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

json parse_json(const std::string& text, const std::string& origin) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    auto [line, column] = line_and_column(text, e.byte);
    throw ConfigError(
        fmt::format("{}:{}:{}: {}", origin, line, column, parse_error_reason(e.what())));
  }
}

// Builds a Config from a parsed document, failing at the first broken rule.
// Sections are read in dependency order: members, domains, guests, requests.
class ConfigReader {
 public:
  explicit ConfigReader(const std::string& origin) : origin_(origin) {}

  Config read(const json& doc) {
    Config cfg;
    expect_object(doc, Pointer());
    if (const json* name = find(doc, "name")) cfg.name = read_string(*name, Pointer("/name"));
    read_members(doc, cfg);
    read_domains(doc, cfg);
    read_guests(doc, cfg);
    check_capacity(cfg);
    read_requests(doc, cfg);
    read_bounds(doc, cfg);
    return cfg;
  }

 private:
  std::string origin_;

  [[noreturn]] void fail(const Pointer& at, const std::string& why) const {
    // The empty pointer (the whole document) would print as nothing.
    throw ConfigError(fmt::format("{}: {}: {}", origin_, at.empty() ? "/" : at.to_string(), why));
  }

  // ---- fields and types ----

  static const json* find(const json& object, const char* key) {
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

  const json& require(const json& object, const Pointer& at, const char* key) const {
    const json* v = find(object, key);
    if (v == nullptr) fail(at / key, "missing required field " + json_quoted(key));
    return *v;
  }

  void expect_object(const json& v, const Pointer& at) const {
    if (!v.is_object()) fail(at, fmt::format("expected an object, got {}", v.type_name()));
  }

  void expect_array(const json& v, const Pointer& at) const {
    if (!v.is_array()) fail(at, fmt::format("expected an array, got {}", v.type_name()));
  }

  std::string read_string(const json& v, const Pointer& at) const {
    if (!v.is_string()) fail(at, fmt::format("expected a string, got {}", v.type_name()));
    return v.get<std::string>();
  }

  // Names are printed in traces and messages; an empty one would vanish.
  std::string read_name(const json& v, const Pointer& at) const {
    std::string name = read_string(v, at);
    if (name.empty()) fail(at, "a name must not be empty");
    return name;
  }

  std::optional<std::string> read_optional_string(const json& v, const Pointer& at) const {
    if (v.is_null()) return std::nullopt;
    if (!v.is_string()) fail(at, fmt::format("expected a string or null, got {}", v.type_name()));
    return v.get<std::string>();
  }

  bool read_bool(const json& v, const Pointer& at) const {
    if (!v.is_boolean()) fail(at, fmt::format("expected true or false, got {}", v.type_name()));
    return v.get<bool>();
  }

  // A whole number in 0..2^31-1. Sign and size are checked before
  // integrality so that 1e30 or -0.5 get the more useful message.
  int64_t read_number(const json& v, const Pointer& at) const {
    if (!v.is_number()) fail(at, fmt::format("expected a whole number, got {}", v.type_name()));
    bool negative =
        v.is_number_float() ? v.get<double>() < 0 : !v.is_number_unsigned() && v.get<int64_t>() < 0;
    if (negative) fail(at, fmt::format("must not be negative, got {}", v.dump()));
    bool too_large = v.is_number_float() ? v.get<double>() > static_cast<double>(kMaxNumber)
                                         : v.get<uint64_t>() > static_cast<uint64_t>(kMaxNumber);
    if (too_large)
      fail(at, fmt::format("must be at most 2^31-1 = {}, got {}", kMaxNumber, v.dump()));
    if (v.is_number_float()) fail(at, fmt::format("expected a whole number, got {}", v.dump()));
    return static_cast<int64_t>(v.get<uint64_t>());
  }

  std::vector<std::string> read_strings(const json& v, const Pointer& at) const {
    expect_array(v, at);
    std::vector<std::string> out;
    for (size_t i = 0; i < v.size(); ++i) out.push_back(read_string(v[i], at / i));
    return out;
  }

  template <typename Read>
  void read_optional(const json& object, const Pointer& at, const char* key, Read read) const {
    if (const json* v = find(object, key)) read(*v, at / key);
  }

  const json& require_array(const json& object, const Pointer& at, const char* key) const {
    const json& v = require(object, at, key);
    expect_array(v, at / key);
    return v;
  }

  void check_count(const json& list, const Pointer& at, const char* what, size_t max) const {
    if (list.empty() || list.size() > max)
      fail(at, fmt::format("expected 1 to {} {}, got {}", max, what, list.size()));
  }

  // Remembers where each name was defined, to point back at the first one.
  void check_unique(std::map<std::string, Pointer>& seen, const std::string& name,
                    const Pointer& at, const char* kind) const {
    auto [it, inserted] = seen.emplace(name, at);
    if (!inserted)
      fail(at, fmt::format("duplicate {} name {} (first at {})", kind, json_quoted(name),
                           it->second.to_string()));
  }

  int lookup_member(const Config& cfg, const std::string& name, const Pointer& at) const {
    int m = cfg.member_index(name);
    if (m < 0) fail(at, "unknown member " + json_quoted(name));
    return m;
  }

  // ---- sections ----

  void read_members(const json& doc, Config& cfg) const {
    Pointer at("/members");
    const json& list = require_array(doc, Pointer(), "members");
    check_count(list, at, "members", kMaxMembers);
    std::map<std::string, Pointer> seen;
    for (size_t i = 0; i < list.size(); ++i) {
      cfg.members.push_back(read_member(list[i], at / i));
      check_unique(seen, cfg.members.back().name, at / i / "name", "member");
    }
  }

  Member read_member(const json& v, const Pointer& at) const {
    expect_object(v, at);
    Member m;
    m.name = read_name(require(v, at, "name"), at / "name");
    m.storage = read_number(require(v, at, "storage"), at / "storage");
    m.paging = read_number(require(v, at, "paging"), at / "paging");
    auto strings = [this](std::vector<std::string>& field) {
      return [this, &field](const json& x, const Pointer& p) { field = read_strings(x, p); };
    };
    read_optional(v, at, "facilities", strings(m.facilities));
    read_optional(v, at, "eqids", strings(m.eqids));
    read_optional(v, at, "vswitches", strings(m.vswitches));
    read_optional(v, at, "dcss", strings(m.dcss));
    read_optional(v, at, "crypto",
                  [&](const json& x, const Pointer& p) { m.crypto = read_optional_string(x, p); });
    return m;
  }

  void read_domains(const json& doc, Config& cfg) const {
    if (const json* list = find(doc, "domains")) {
      Pointer at("/domains");
      expect_array(*list, at);
      std::map<std::string, Pointer> seen;
      for (size_t i = 0; i < list->size(); ++i) {
        cfg.domains.push_back(read_domain((*list)[i], at / i, cfg));
        check_unique(seen, cfg.domains.back().name, at / i / "name", "domain");
      }
    }
    add_implicit_domains(cfg);
  }

  Domain read_domain(const json& v, const Pointer& at, const Config& cfg) const {
    expect_object(v, at);
    Domain d;
    d.name = read_name(require(v, at, "name"), at / "name");
    check_not_implicit(d.name, at / "name", cfg);
    Pointer members_at = at / "members";
    std::vector<std::string> names = read_strings(require_array(v, at, "members"), members_at);
    if (names.empty()) fail(members_at, "a domain needs at least one member");
    for (size_t i = 0; i < names.size(); ++i) {
      int m = lookup_member(cfg, names[i], members_at / i);
      if (std::find(d.members.begin(), d.members.end(), m) != d.members.end())
        fail(members_at / i, fmt::format("member {} is listed twice", json_quoted(names[i])));
      d.members.push_back(m);
    }
    return d;
  }

  // "SSI" and the member names are taken by the domains that always exist.
  void check_not_implicit(const std::string& name, const Pointer& at, const Config& cfg) const {
    if (name == "SSI")
      fail(at, "domain name \"SSI\" is reserved for the implicit domain of all members");
    if (cfg.member_index(name) >= 0)
      fail(at, fmt::format("domain name {} is reserved for the implicit single-member domain "
                           "of member {}",
                           json_quoted(name), name));
  }

  static void add_implicit_domains(Config& cfg) {
    Domain ssi{"SSI", {}};
    for (int m = 0; m < static_cast<int>(cfg.members.size()); ++m) ssi.members.push_back(m);
    cfg.domains.push_back(ssi);
    for (int m = 0; m < static_cast<int>(cfg.members.size()); ++m)
      cfg.domains.push_back(Domain{cfg.members[m].name, {m}});
  }

  void read_guests(const json& doc, Config& cfg) const {
    Pointer at("/guests");
    const json& list = require_array(doc, Pointer(), "guests");
    check_count(list, at, "guests", kMaxGuests);
    std::map<std::string, Pointer> seen;
    for (size_t i = 0; i < list.size(); ++i) {
      cfg.guests.push_back(read_guest(list[i], at / i, cfg));
      check_unique(seen, cfg.guests.back().name, at / i / "name", "guest");
    }
  }

  Guest read_guest(const json& v, const Pointer& at, const Config& cfg) const {
    expect_object(v, at);
    Guest g;
    g.name = read_name(require(v, at, "name"), at / "name");
    g.home = lookup_member(cfg, read_string(require(v, at, "home"), at / "home"), at / "home");
    g.memory = read_number(require(v, at, "memory"), at / "memory");
    g.max_memory = g.memory;
    read_optional(v, at, "max_memory", [&](const json& x, const Pointer& p) {
      g.max_memory = read_number(x, p);
      if (g.max_memory < g.memory)
        fail(p, fmt::format("max_memory {} is smaller than memory {}; a guest cannot run with "
                            "more storage than its maximum",
                            g.max_memory, g.memory));
    });
    read_guest_domain(v, at, cfg, g);
    read_guest_options(v, at, g);
    read_guest_resources(v, at, g);
    return g;
  }

  void read_guest_domain(const json& v, const Pointer& at, const Config& cfg, Guest& g) const {
    read_optional(v, at, "domain", [&](const json& x, const Pointer& p) {
      g.domain = read_string(x, p);
      if (cfg.domain_index(g.domain) < 0) fail(p, "unknown domain " + json_quoted(g.domain));
    });
    g.domain_index = cfg.domain_index(g.domain);
    const Domain& d = cfg.domains[g.domain_index];
    if (std::find(d.members.begin(), d.members.end(), g.home) == d.members.end()) {
      std::vector<std::string> names;
      for (int m : d.members) names.push_back(cfg.members[m].name);
      fail(at / "home", fmt::format("home member {} is not in the guest's domain {} ({})",
                                    cfg.members[g.home].name, d.name, comma_list(names)));
    }
  }

  void read_guest_options(const json& v, const Pointer& at, Guest& g) const {
    auto flag = [this](bool& field) {
      return [this, &field](const json& x, const Pointer& p) { field = read_bool(x, p); };
    };
    auto text = [this](std::string& field) {
      return [this, &field](const json& x, const Pointer& p) { field = read_string(x, p); };
    };
    read_optional(v, at, "single_config", flag(g.single_config));
    read_optional(v, at, "vmrelocate", flag(g.vmrelocate));
    read_optional(v, at, "mode", text(g.mode));
    read_optional(v, at, "disconnected", flag(g.disconnected));
    read_optional(v, at, "cpu_types",
                  [&](const json& x, const Pointer& p) { g.cpu_types = read_strings(x, p); });
    read_optional(v, at, "ipl", text(g.ipl));
    read_optional(v, at, "open_spool", flag(g.open_spool));
  }

  void read_guest_resources(const json& v, const Pointer& at, Guest& g) const {
    read_optional(v, at, "eqids",
                  [&](const json& x, const Pointer& p) { g.eqids = read_strings(x, p); });
    read_optional(v, at, "vswitches",
                  [&](const json& x, const Pointer& p) { g.vswitches = read_strings(x, p); });
    read_optional(v, at, "dcss", [&](const json& x, const Pointer& p) {
      expect_array(x, p);
      for (size_t i = 0; i < x.size(); ++i) g.dcss.push_back(read_dcss_use(x[i], p / i));
    });
    read_optional(v, at, "crypto",
                  [&](const json& x, const Pointer& p) { g.crypto = read_optional_string(x, p); });
  }

  DcssUse read_dcss_use(const json& v, const Pointer& at) const {
    expect_object(v, at);
    DcssUse use;
    use.name = read_name(require(v, at, "name"), at / "name");
    read_optional(v, at, "range",
                  [&](const json& x, const Pointer& p) { use.range = read_optional_string(x, p); });
    return use;
  }

  // The initial state puts every guest on its home; it must fit there.
  void check_capacity(const Config& cfg) const {
    for (size_t m = 0; m < cfg.members.size(); ++m) {
      int64_t need = 0;
      std::vector<std::string> names;
      for (const Guest& g : cfg.guests) {
        if (g.home != static_cast<int>(m)) continue;
        need += g.memory;
        names.push_back(g.name);
      }
      const Member& member = cfg.members[m];
      if (need > member.storage)
        fail(Pointer("/members") / m / "storage",
             fmt::format("the guests homed on {} ({}) need memory {}, more than its storage {}",
                         member.name, comma_list(names), need, member.storage));
    }
  }

  void read_requests(const json& doc, Config& cfg) const {
    const json* list = find(doc, "requests");
    if (list == nullptr) return;
    Pointer at("/requests");
    expect_array(*list, at);
    if (list->size() > kMaxRequests)
      fail(at, fmt::format("at most {} requests fit in the state encoding, got {}", kMaxRequests,
                           list->size()));
    for (size_t i = 0; i < list->size(); ++i)
      cfg.requests.push_back(read_request((*list)[i], at / i, cfg));
  }

  Request read_request(const json& v, const Pointer& at, const Config& cfg) const {
    expect_object(v, at);
    Request q;
    std::string guest = read_string(require(v, at, "guest"), at / "guest");
    q.guest = cfg.guest_index(guest);
    if (q.guest < 0) fail(at / "guest", "unknown guest " + json_quoted(guest));
    q.to = lookup_member(cfg, read_string(require(v, at, "to"), at / "to"), at / "to");
    read_optional(v, at, "sync",
                  [&](const json& x, const Pointer& p) { q.sync = read_bool(x, p); });
    read_optional(v, at, "immediate",
                  [&](const json& x, const Pointer& p) { q.immediate = read_bool(x, p); });
    // IMMEDIATE quiesces after one pass, so by default it waits without limit.
    q.maxquiesce = q.immediate ? 0 : 2;
    read_optional(v, at, "maxquiesce",
                  [&](const json& x, const Pointer& p) { q.maxquiesce = read_number(x, p); });
    read_optional(v, at, "maxtotal",
                  [&](const json& x, const Pointer& p) { q.maxtotal = read_number(x, p); });
    read_optional(v, at, "force", [&](const json& x, const Pointer& p) { read_force(x, p, q); });
    return q;
  }

  void read_force(const json& v, const Pointer& at, Request& q) const {
    std::vector<std::string> values = read_strings(v, at);
    for (size_t i = 0; i < values.size(); ++i) {
      std::string value = lowercase(values[i]);
      if (value == "storage") {
        q.force_storage = true;
      } else if (value == "domain") {
        q.force_domain = true;
      } else if (value == "architecture") {
        q.force_architecture = true;
      } else {
        fail(at / i, fmt::format("unknown FORCE value {}; expected storage, domain or architecture",
                                 json_quoted(values[i])));
      }
    }
  }

  void read_bounds(const json& doc, Config& cfg) const {
    const json* bounds = find(doc, "bounds");
    if (bounds == nullptr) return;
    Pointer at("/bounds");
    expect_object(*bounds, at);
    static const std::pair<const char*, int64_t Bounds::*> kFields[] = {
        {"moves", &Bounds::moves},
        {"cancels", &Bounds::cancels},
        {"member_failures", &Bounds::member_failures},
        {"link_failures", &Bounds::link_failures},
        {"eligibility_changes", &Bounds::eligibility_changes},
        {"passes", &Bounds::passes},
    };
    for (const auto& [key, value] : bounds->items()) {
      auto field = std::find_if(std::begin(kFields), std::end(kFields),
                                [&key = key](const auto& f) { return key == f.first; });
      if (field == std::end(kFields))
        fail(at / key, fmt::format("unknown bound {}; expected moves, cancels, member_failures, "
                                   "link_failures, eligibility_changes or passes",
                                   json_quoted(key)));
      cfg.bounds.*(field->second) = read_number(value, at / key);
    }
    if (cfg.bounds.passes < 1)
      fail(at / "passes", fmt::format("passes must be at least 1, got {}", cfg.bounds.passes));
  }
};

template <typename T>
int index_by_name(const std::vector<T>& items, const std::string& name) {
  for (size_t i = 0; i < items.size(); ++i)
    if (items[i].name == name) return static_cast<int>(i);
  return -1;
}

}  // namespace

int Config::member_index(const std::string& n) const { return index_by_name(members, n); }
int Config::guest_index(const std::string& n) const { return index_by_name(guests, n); }
int Config::domain_index(const std::string& n) const { return index_by_name(domains, n); }

Config parse_config(const std::string& text, const std::string& origin) {
  return ConfigReader(origin).read(parse_json(text, origin));
}

Config load_config(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw ConfigError(fmt::format("{}: cannot read: it is a directory", path));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
  std::ostringstream text;
  text << in.rdbuf();
  Config cfg = parse_config(text.str(), path);
  cfg.path = path;
  // Reports name the cluster; without a "name" the file's stem serves.
  if (cfg.name.empty()) cfg.name = std::filesystem::path(path).stem().string();
  return cfg;
}

}  // namespace lgr
