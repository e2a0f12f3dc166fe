// The configuration tests' shared pieces: the smallest valid configuration
// and the message of the ConfigError a document raises.
#pragma once

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "model/config.hpp"

namespace lgr::config_testing {

using nlohmann::json;

// The smallest valid configuration: two members, one guest, one request.
inline json minimal() {
  return json::parse(R"({
    "members": [
      {"name": "A", "storage": 8, "paging": 16},
      {"name": "B", "storage": 8, "paging": 16}
    ],
    "guests": [{"name": "G", "home": "A", "memory": 2}],
    "requests": [{"guest": "G", "to": "B"}]
  })");
}

inline Config parse(const json& doc) { return parse_config(doc.dump(), "t.json"); }

// The message of the ConfigError that parsing `text` raises.
inline std::string error_of_text(const std::string& text) {
  try {
    parse_config(text, "t.json");
  } catch (const ConfigError& e) {
    return e.what();
  }
  FAIL("no ConfigError for: " << text);
  return {};
}

inline std::string error_of(const json& doc) { return error_of_text(doc.dump()); }

}  // namespace lgr::config_testing
