// Where each value of a JSON text lies, by JSON pointer. --update-counts
// rewrites one number in place and so keeps every other byte of the
// manifest (layout, comments in "description", key order) for review.
#pragma once

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lgr {

struct JsonSpan {
  std::size_t begin = 0;  // first byte of the value
  std::size_t end = 0;    // one past its last byte
};

// A text the index refuses. what(): "why"; pointer: where.
struct JsonSpanError : std::runtime_error {
  JsonSpanError(std::string at, const std::string& why) : std::runtime_error(why), pointer(std::move(at)) {}
  std::string pointer;
};

// Pointer ("" for the whole document, "/cases/0/expect/states") -> span.
using JsonSpans = std::map<std::string, JsonSpan>;

// `text` must already parse as JSON. Throws JsonSpanError on a key repeated
// in one object (a parser keeps only one of them, silently) and on nesting
// deeper than 256 levels.
JsonSpans index_json_spans(std::string_view text);

}  // namespace lgr
