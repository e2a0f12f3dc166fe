// The strict field readers behind load_config (spec section 1, "Strictness"):
// JSON types, whole numbers up to 2^31-1, z/VM identifiers, enumerated
// values, known keys. Each failure is a ConfigError "FILE: /pointer: why".
// Internal to model/config.cpp.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace lgr::config_detail {

using Json = nlohmann::ordered_json;  // file order, so errors come in reading order
using Pointer = Json::json_pointer;

inline constexpr int64_t kMaxNumber = 2147483647;  // 2^31 - 1
inline constexpr std::size_t kMaxNameLength = 8;

std::string json_quoted(const std::string& s);
// "a, b or c"
std::string or_list(const std::vector<std::string>& items);

class FieldReader {
 public:
  explicit FieldReader(std::string origin) : origin_(std::move(origin)) {}

  [[noreturn]] void fail(const Pointer& at, const std::string& why) const;

  static const Json* find(const Json& object, const char* key);
  const Json& require(const Json& object, const Pointer& at, const char* key) const;
  void expect_object(const Json& v, const Pointer& at) const;
  void expect_array(const Json& v, const Pointer& at) const;
  const Json& require_array(const Json& object, const Pointer& at, const char* key) const;

  // Rejects every key of `object` outside `known`, except comments ("_...").
  // `what` names the object in the message ("a request").
  void check_keys(const Json& object, const Pointer& at, const char* what,
                  const std::vector<std::string>& known) const;

  std::string read_string(const Json& v, const Pointer& at) const;
  std::optional<std::string> read_optional_string(const Json& v, const Pointer& at) const;
  std::vector<std::string> read_strings(const Json& v, const Pointer& at) const;
  bool read_bool(const Json& v, const Pointer& at) const;
  // A whole number in 0..2^31-1 (2.0 and 1e3 are whole; 2.5 is not).
  int64_t read_number(const Json& v, const Pointer& at) const;
  // A member, guest or domain name: a z/VM identifier, returned in upper case.
  std::string read_name(const Json& v, const Pointer& at) const;
  // A reference to a name (a guest's home, a request's guest): upper case, not
  // checked here; an unknown name is reported by the lookup.
  std::string read_name_reference(const Json& v, const Pointer& at) const;
  // One of `values`, compared without case; returned as written in `values`.
  // `what` names it in the message ("mode").
  std::string read_enum(const Json& v, const Pointer& at, const char* what,
                        const std::vector<std::string>& values) const;

  void check_count(const Json& list, const Pointer& at, const char* what, size_t max) const;
  // Remembers where each name was defined, to point back at the first one.
  void check_unique(std::map<std::string, Pointer>& seen, const std::string& name, const Pointer& at,
                    const char* kind) const;

  template <typename Read>
  void read_optional(const Json& object, const Pointer& at, const char* key, Read read) const {
    if (const Json* v = find(object, key)) read(*v, at / key);
  }

 private:
  std::string origin_;
};

}  // namespace lgr::config_detail
