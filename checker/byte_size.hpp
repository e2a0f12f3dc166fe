// Parses sizes such as "512M", "8G", "1.5G" or "1000000" (bytes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace lgr {
std::optional<uint64_t> parse_byte_size(const std::string& text);
}
