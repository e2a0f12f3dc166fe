// Parses durations such as "90s", "10m", "2h" or "30" (seconds).
#pragma once

#include <optional>
#include <string>

namespace lgr {
std::optional<double> parse_duration(const std::string& text);
}
