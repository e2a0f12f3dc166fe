#include "model/config_json_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "model/closest_spelling.hpp"
#include "model/config.hpp"
#include "model/name_lookup.hpp"

namespace lgr::config_detail {

std::string json_quoted(const std::string& s) { return Json(s).dump(); }

std::string or_list(const std::vector<std::string>& items) {
  if (items.size() < 2) return items.empty() ? "" : items[0];
  std::vector<std::string> head(items.begin(), items.end() - 1);
  return fmt::format("{} or {}", fmt::join(head, ", "), items.back());
}

void FieldReader::fail(const Pointer& at, const std::string& why) const {
  // The empty pointer (the whole document) would print as nothing.
  throw ConfigError(fmt::format("{}: {}: {}", origin_, at.empty() ? "/" : at.to_string(), why));
}

const Json* FieldReader::find(const Json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

const Json& FieldReader::require(const Json& object, const Pointer& at, const char* key) const {
  const Json* v = find(object, key);
  if (v == nullptr) fail(at / key, "missing required field " + json_quoted(key));
  return *v;
}

void FieldReader::expect_object(const Json& v, const Pointer& at) const {
  if (!v.is_object()) fail(at, fmt::format("expected an object, got {}", v.type_name()));
}

void FieldReader::expect_array(const Json& v, const Pointer& at) const {
  if (!v.is_array()) fail(at, fmt::format("expected an array, got {}", v.type_name()));
}

const Json& FieldReader::require_array(const Json& object, const Pointer& at, const char* key) const {
  const Json& v = require(object, at, key);
  expect_array(v, at / key);
  return v;
}

void FieldReader::check_keys(const Json& object, const Pointer& at, const char* what,
                             const std::vector<std::string>& known) const {
  for (const auto& item : object.items()) {
    const std::string& key = item.key();
    if (!key.empty() && key[0] == '_') continue;  // a comment
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    const bool bound = std::string(what) == "bounds";
    const std::string unknown =
        bound ? "unknown bound " + json_quoted(key) : fmt::format("unknown key {} in {}", json_quoted(key), what);
    if (auto close = closest_spelling(key, known))
      fail(at / key, fmt::format("{}; did you mean {}?", unknown, json_quoted(*close)));
    fail(at / key, fmt::format("{}; expected {}{}", unknown, or_list(known),
                               bound ? "" : " (a key that begins with \"_\" is a comment)"));
  }
}

std::string FieldReader::read_string(const Json& v, const Pointer& at) const {
  if (!v.is_string()) fail(at, fmt::format("expected a string, got {}", v.type_name()));
  return v.get<std::string>();
}

std::optional<std::string> FieldReader::read_optional_string(const Json& v, const Pointer& at) const {
  if (v.is_null()) return std::nullopt;
  if (!v.is_string()) fail(at, fmt::format("expected a string or null, got {}", v.type_name()));
  return v.get<std::string>();
}

std::vector<std::string> FieldReader::read_strings(const Json& v, const Pointer& at) const {
  expect_array(v, at);
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size(); ++i) out.push_back(read_string(v[i], at / i));
  return out;
}

bool FieldReader::read_bool(const Json& v, const Pointer& at) const {
  if (!v.is_boolean()) fail(at, fmt::format("expected true or false, got {}", v.type_name()));
  return v.get<bool>();
}

int64_t FieldReader::read_number(const Json& v, const Pointer& at) const {
  if (!v.is_number()) fail(at, fmt::format("expected a whole number, got {}", v.type_name()));
  // Sign and size come before integrality, so 1e30 or -0.5 get the more
  // useful message.
  const bool negative =
      v.is_number_float() ? v.get<double>() < 0 : !v.is_number_unsigned() && v.get<int64_t>() < 0;
  if (negative) fail(at, fmt::format("must not be negative, got {}", v.dump()));
  const bool too_large = v.is_number_float() ? v.get<double>() > static_cast<double>(kMaxNumber)
                                             : v.get<uint64_t>() > static_cast<uint64_t>(kMaxNumber);
  if (too_large) fail(at, fmt::format("must be at most 2^31-1 = {}, got {}", kMaxNumber, v.dump()));
  if (v.is_number_float()) {
    // 2.0 is a whole number, as JSON Schema's "integer" says too.
    const double d = v.get<double>();
    if (d != std::floor(d)) fail(at, fmt::format("expected a whole number, got {}", v.dump()));
    return static_cast<int64_t>(d);
  }
  return static_cast<int64_t>(v.get<uint64_t>());
}

std::string FieldReader::read_name(const Json& v, const Pointer& at) const {
  const std::string name = read_string(v, at);
  // Names are printed in traces and messages; an empty one would vanish.
  if (name.empty()) fail(at, "a name must not be empty");
  const std::string rule = "a z/VM identifier is 1 to 8 characters from A-Z, 0-9, @, # and $";
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (letter || c == '@' || c == '#' || c == '$') continue;
    const std::string shown = c >= 0x80 ? "a non-ASCII character" : json_quoted(std::string(1, ch));
    fail(at, fmt::format("name {} is not a z/VM identifier: it contains {}; {}", json_quoted(name), shown, rule));
  }
  if (name.size() > kMaxNameLength)
    fail(at, fmt::format("name {} is not a z/VM identifier: it has {} characters; {}", json_quoted(name),
                         name.size(), rule));
  return uppercase(name);
}

std::string FieldReader::read_name_reference(const Json& v, const Pointer& at) const {
  return uppercase(read_string(v, at));
}

std::string FieldReader::read_enum(const Json& v, const Pointer& at, const char* what,
                                   const std::vector<std::string>& values) const {
  const std::string text = read_string(v, at);
  for (const std::string& value : values)
    if (lowercase(text) == lowercase(value)) return value;
  fail(at, fmt::format("unknown {} {}; expected {}", what, json_quoted(text), or_list(values)));
}

void FieldReader::check_count(const Json& list, const Pointer& at, const char* what, size_t max) const {
  if (list.empty() || list.size() > max)
    fail(at, fmt::format("expected 1 to {} {}, got {}", max, what, list.size()));
}

void FieldReader::check_unique(std::map<std::string, Pointer>& seen, const std::string& name, const Pointer& at,
                               const char* kind) const {
  auto [it, inserted] = seen.emplace(name, at);
  if (!inserted)
    fail(at, fmt::format("duplicate {} name {} (first at {})", kind, json_quoted(name), it->second.to_string()));
}

}  // namespace lgr::config_detail
