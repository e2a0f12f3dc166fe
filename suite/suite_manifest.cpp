// Reading and validating a suite manifest; the first broken rule stops it
// with a one-line ManifestError (see suite_manifest.hpp for the forms).
#include "suite/suite_manifest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "checker/byte_size.hpp"
#include "suite/suite_json_spans.hpp"
#include "model/input_file.hpp"
#include "model/strict_json.hpp"
#include "model/variant.hpp"

namespace lgr {
namespace {

using Json = nlohmann::ordered_json;
using Pointer = Json::json_pointer;

std::string json_quoted(const std::string& s) { return Json(s).dump(); }

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at
// line 1, column 14: why"; editors want "FILE:1:14: why".
std::string malformed_json_message(const std::string& origin, const std::string& what) {
  static const std::regex kPosition(R"(parse error at line (\d+), column (\d+): (.*))");
  std::smatch m;
  if (std::regex_search(what, m, kPosition)) return fmt::format("{}:{}:{}: {}", origin, m[1].str(), m[2].str(), m[3].str());
  return fmt::format("{}: {}", origin, what);
}

// "case 3 \"name\"" for a pointer into /cases/3 ("case 3" while its name is
// unusable), "" for one outside every case.
std::string case_label(const Json& doc, const std::string& pointer) {
  static const std::regex kCase(R"(^/cases/(\d+)(/|$))");
  std::smatch m;
  if (!std::regex_search(pointer, m, kCase)) return "";
  const std::size_t index = std::stoul(m[1].str());
  const Json* cases = doc.is_object() && doc.contains("cases") ? &doc["cases"] : nullptr;
  if (cases && cases->is_array() && index < cases->size()) {
    const Json& c = (*cases)[index];
    if (c.is_object() && c.contains("name") && c["name"].is_string() && !c["name"].get<std::string>().empty())
      return fmt::format("case {} {}", index, json_quoted(c["name"].get<std::string>()));
  }
  return fmt::format("case {}", index);
}

[[noreturn]] void fail_at(const std::string& origin, const Json& doc, const std::string& pointer,
                          const std::string& why) {
  const std::string label = case_label(doc, pointer);
  const std::string where = pointer.empty() ? "/" : pointer;
  if (label.empty()) throw ManifestError(fmt::format("{}: {}: {}", origin, where, why));
  throw ManifestError(fmt::format("{}: {}: {}: {}", origin, label, where, why));
}

class ManifestReader {
 public:
  ManifestReader(const Json& doc, std::string origin, std::string base_dir)
      : doc_(doc), origin_(std::move(origin)), base_dir_(std::move(base_dir)) {}

  Manifest read() const {
    const Json& doc = doc_;
    Manifest m;
    m.path = origin_;
    expect_object(doc, Pointer());
    check_keys(doc, Pointer(), {"cases", "description"});
    if (const Json* d = find(doc, "description")) read_string(*d, Pointer("/description"));
    const Json& cases = require(doc, Pointer(), "cases");
    const Pointer at("/cases");
    if (!cases.is_array()) fail(at, fmt::format("expected an array of cases, got {}", cases.type_name()));
    if (cases.empty()) fail(at, "a suite needs at least one case");
    std::map<std::string, Pointer> names;
    for (std::size_t i = 0; i < cases.size(); ++i) {
      m.cases.push_back(read_case(cases[i], at / i, i));
      auto [it, inserted] = names.emplace(m.cases.back().name, at / i / "name");
      if (!inserted)
        fail(at / i / "name", fmt::format("duplicate case name {} (first at {})", json_quoted(m.cases.back().name),
                                          it->second.to_string()));
    }
    return m;
  }

 private:
  const Json& doc_;
  std::string origin_;
  std::string base_dir_;

  [[noreturn]] void fail(const Pointer& at, const std::string& why) const { fail_at(origin_, doc_, at.to_string(), why); }

  static const Json* find(const Json& object, const char* key) {
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

  const Json& require(const Json& object, const Pointer& at, const char* key) const {
    const Json* v = find(object, key);
    if (v == nullptr) fail(at / key, fmt::format("missing required field {}", json_quoted(key)));
    return *v;
  }

  void expect_object(const Json& v, const Pointer& at) const {
    if (!v.is_object()) fail(at, fmt::format("expected an object, got {}", v.type_name()));
  }

  // A misspelt key would otherwise silently drop an expectation.
  void check_keys(const Json& object, const Pointer& at, std::initializer_list<const char*> known) const {
    for (const auto& item : object.items()) {
      bool ok = false;
      for (const char* k : known) ok = ok || item.key() == k;
      if (!ok) fail(at / item.key(), fmt::format("unknown field {} (known: {})", json_quoted(item.key()), fmt::join(known, ", ")));
    }
  }

  std::string read_string(const Json& v, const Pointer& at) const {
    if (!v.is_string()) fail(at, fmt::format("expected a string, got {}", v.type_name()));
    return v.get<std::string>();
  }

  std::vector<std::string> read_strings(const Json& v, const Pointer& at) const {
    if (!v.is_array()) fail(at, fmt::format("expected an array of strings, got {}", v.type_name()));
    std::vector<std::string> out;
    for (std::size_t i = 0; i < v.size(); ++i) out.push_back(read_string(v[i], at / i));
    return out;
  }

  // A whole number in [min, max]; 606.0, -1 and "606" are refused.
  uint64_t read_count(const Json& v, const Pointer& at, uint64_t min, uint64_t max) const {
    if (!v.is_number_unsigned() || v.get<uint64_t>() < min || v.get<uint64_t>() > max)
      fail(at, max == UINT64_MAX ? fmt::format("expected a whole number of at least {}, got {}", min, v.dump())
                                 : fmt::format("expected a whole number from {} to {}, got {}", min, max, v.dump()));
    return v.get<uint64_t>();
  }

  std::string resolve(const std::string& path) const {
    const std::filesystem::path p(path);
    if (p.is_absolute() || base_dir_.empty()) return p.lexically_normal().string();
    return (std::filesystem::path(base_dir_) / p).lexically_normal().string();
  }

  PropertyId read_property(const std::string& name, const Pointer& at) const {
    // One name per entry, looked up exactly: the command line's comma-list
    // reader accepted ",OwnerRuns" and left no property to read (found by
    // fuzz_manifest; regression test in tests/suite/manifest_test.cpp).
    const std::optional<PropertyId> found = parse_property(name);
    if (!found) fail(at, "unknown property '" + name + "' (known: " + property_names() + ")");
    const PropertyId id = *found;
    if (property_info(id).kind == PropertyKind::Liveness)
      fail(at, fmt::format("{} is a liveness property; a suite checks state properties only", name));
    return id;
  }

  SuiteCase read_case(const Json& v, const Pointer& at, std::size_t index) const {
    expect_object(v, at);
    SuiteCase c;
    c.index = index;
    c.name = read_string(require(v, at, "name"), at / "name");
    if (c.name.empty()) fail(at / "name", "a case name must not be empty");
    // Each case is one line of output (and of the JUnit report).
    for (const char ch : c.name)
      if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F)
        fail(at / "name", "a case name must not contain control characters such as a newline");
    check_keys(v, at, {"name", "description", "config", "variants", "properties", "threads", "symmetry", "limits", "expect"});
    if (const Json* d = find(v, "description")) read_string(*d, at / "description");
    const std::string config = read_string(require(v, at, "config"), at / "config");
    if (config.empty()) fail(at / "config", "expected a path, got an empty string");
    c.config = resolve(config);
    if (const Json* list = find(v, "variants")) {
      c.variants = read_strings(*list, at / "variants");
      for (std::size_t i = 0; i < c.variants.size(); ++i) {
        try {
          parse_variants({c.variants[i]});
        } catch (const std::invalid_argument& e) {
          fail(at / "variants" / i, e.what());
        }
      }
    }
    if (const Json* list = find(v, "properties")) {
      const std::vector<std::string> names = read_strings(*list, at / "properties");
      if (names.empty()) fail(at / "properties", "an empty list would check nothing; leave the field out to check every property");
      for (std::size_t i = 0; i < names.size(); ++i)
        c.properties |= property_bit(read_property(names[i], at / "properties" / i));
    }
    if (const Json* t = find(v, "threads")) c.threads = static_cast<int>(read_count(*t, at / "threads", 1, 1024));
    if (const Json* y = find(v, "symmetry")) {
      if (!y->is_boolean()) fail(at / "symmetry", "must be true or false");
      c.symmetry = y->get<bool>();
    }
    if (const Json* l = find(v, "limits")) c.limits = read_limits(*l, at / "limits");
    c.expect = read_expect(require(v, at, "expect"), at / "expect", c.properties);
    return c;
  }

  CaseLimits read_limits(const Json& v, const Pointer& at) const {
    expect_object(v, at);
    check_keys(v, at, {"max_states", "time_limit", "max_memory"});
    CaseLimits l;
    if (const Json* n = find(v, "max_states")) l.max_states = read_count(*n, at / "max_states", 1, UINT64_MAX);
    if (const Json* t = find(v, "time_limit")) {
      if (!t->is_number() || !(t->get<double>() > 0))
        fail(at / "time_limit", fmt::format("expected a positive number of seconds, got {}", t->dump()));
      l.time_limit = t->get<double>();
    }
    if (const Json* m = find(v, "max_memory")) {
      const std::optional<uint64_t> bytes =
          m->is_string() ? parse_byte_size(m->get<std::string>())
                         : m->is_number_unsigned() ? std::optional<uint64_t>(m->get<uint64_t>()) : std::nullopt;
      if (!bytes || *bytes == 0)
        fail(at / "max_memory", fmt::format("expected a size such as \"512M\" or \"8G\", got {}", m->dump()));
      l.max_memory = *bytes;
    }
    return l;
  }

  CaseExpect read_expect(const Json& v, const Pointer& at, explorer::LabelMask checked) const {
    expect_object(v, at);
    check_keys(v, at, {"verdict", "properties", "states", "transitions", "trace_length", "replay", "warnings"});
    CaseExpect e;
    const Json& verdict = require(v, at, "verdict");
    if (verdict == "pass") e.verdict = Verdict::Pass;
    else if (verdict == "fail") e.verdict = Verdict::Fail;
    else fail(at / "verdict", fmt::format("expected \"pass\" or \"fail\", got {}", verdict.dump()));
    const bool pass = e.verdict == Verdict::Pass;

    auto checked_property = [&](const std::string& name, const Pointer& p) {
      const PropertyId id = read_property(name, p);
      if (checked != 0 && !(checked & property_bit(id)))
        fail(p, fmt::format("{} is not checked by this case (not in its \"properties\")", name));
      return id;
    };
    if (const Json* props = find(v, "properties")) {
      expect_object(*props, at / "properties");
      for (const auto& item : props->items()) {
        const Pointer p = at / "properties" / item.key();
        const PropertyId id = checked_property(item.key(), p);
        if (item.value() != "holds" && item.value() != "violated")
          fail(p, fmt::format("expected \"holds\" or \"violated\", got {}", item.value().dump()));
        const bool holds = item.value() == "holds";
        if (pass && !holds) fail(p, "\"violated\" contradicts verdict \"pass\"");
        e.properties.emplace_back(id, holds);
      }
    }
    if (const Json* n = find(v, "states")) e.states = read_count(*n, at / "states", 1, UINT64_MAX);
    if (const Json* n = find(v, "transitions")) e.transitions = read_count(*n, at / "transitions", 0, UINT64_MAX);
    if (const Json* lengths = find(v, "trace_length")) {
      expect_object(*lengths, at / "trace_length");
      for (const auto& item : lengths->items()) {
        const Pointer p = at / "trace_length" / item.key();
        const PropertyId id = checked_property(item.key(), p);
        if (pass) fail(p, "a counterexample length contradicts verdict \"pass\"");
        for (const auto& [other, holds] : e.properties)
          if (other == id && holds) fail(p, fmt::format("a counterexample length contradicts {} \"holds\"", item.key()));
        e.trace_length.emplace_back(id, static_cast<uint32_t>(read_count(item.value(), p, 0, UINT32_MAX)));
      }
    }
    if (const Json* list = find(v, "replay")) {
      const std::vector<std::string> traces = read_strings(*list, at / "replay");
      for (std::size_t i = 0; i < traces.size(); ++i) {
        if (traces[i].empty()) fail(at / "replay" / i, "expected a trace file, got an empty string");
        e.replay.push_back({traces[i], resolve(traces[i])});
      }
    }
    if (const Json* list = find(v, "warnings")) e.warnings = read_warning_codes(*list, at / "warnings");
    return e;
  }

  std::vector<std::string> read_warning_codes(const Json& list, const Pointer& at) const {
    std::vector<std::string> codes = read_strings(list, at);
    const auto& known = all_warning_codes();
    for (std::size_t i = 0; i < codes.size(); ++i)
      if (std::find(known.begin(), known.end(), codes[i]) == known.end())
        fail(at / i, fmt::format("unknown warning code {} (known: {})", json_quoted(codes[i]), fmt::join(known, ", ")));
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    return codes;
  }
};

}  // namespace

Manifest parse_manifest(const std::string& text, const std::string& origin, const std::string& base_dir) {
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    throw ManifestError(malformed_json_message(origin, e.what()));
  } catch (const Json::out_of_range&) {
    // A number beyond a double (1e999): nlohmann names no position, the strict reader does.
    try {
      parse_strict_json<Json>(text);
    } catch (const JsonTextError& t) {
      throw ManifestError(fmt::format("{}:{}:{}: {}: {}", origin, t.line, t.column, t.pointer.empty() ? "/" : t.pointer,
                                      t.what()));
    }
    throw;
  }
  try {
    index_json_spans(text);  // refuses duplicate keys, which parsing would silently drop
  } catch (const JsonSpanError& e) {
    fail_at(origin, doc, e.pointer, e.what());
  }
  return ManifestReader(doc, origin, base_dir).read();
}

Manifest load_manifest(const std::string& path) {
  std::string text;
  try {
    text = read_input_file(path);  // refuses /dev/zero, FIFOs and files over 16 MiB
  } catch (const InputFileError& e) {
    throw ManifestError(e.what());
  }
  return parse_manifest(text, path, std::filesystem::path(path).parent_path().string());
}

}  // namespace lgr
