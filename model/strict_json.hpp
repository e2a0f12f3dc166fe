// JSON text read strictly. nlohmann's own parse silently keeps the last of
// two equal keys and reports a number beyond a double (1e999) as an
// out_of_range error without a position; here both, malformed text and
// nesting deeper than kMaxJsonDepth, are a JsonTextError with a line and column.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lgr {

inline constexpr int kMaxJsonDepth = 256;

struct JsonTextError : std::runtime_error {
  enum class Kind { Syntax, DuplicateKey, NumberOverflow, TooDeep };
  JsonTextError(Kind k, std::string at, std::size_t l, std::size_t c, std::string tok, const std::string& why)
      : std::runtime_error(why), kind(k), pointer(std::move(at)), line(l), column(c), token(std::move(tok)) {}
  Kind kind;
  std::string pointer;  // JSON pointer of the offending value or key ("" for Syntax)
  std::size_t line;     // 1-based
  std::size_t column;   // 1-based, in bytes
  std::string token;    // the number (NumberOverflow) or the key (DuplicateKey)
  // what(): the reason alone, e.g. `duplicate key "name" (first at line 3, column 7)`
  // or nlohmann's "syntax error while parsing value - ..." for Syntax.
};

// Json is nlohmann::json or nlohmann::ordered_json (the two instantiations).
template <class Json>
Json parse_strict_json(std::string_view text);

// 1-based line and column of the byte at 0-based `offset` (clamped to the text).
std::pair<std::size_t, std::size_t> json_line_and_column(std::string_view text, std::size_t offset);

}  // namespace lgr
