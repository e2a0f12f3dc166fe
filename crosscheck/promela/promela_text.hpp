// Small pieces of Promela text shared by the writer, the layouts and the
// actions: the output buffer, joins, one-line conditionals, integer types.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace lgr::promela {

// pan evaluates expressions as C int.
inline constexpr int64_t kPromelaIntMax = 2147483647;

// The text being written, one line at a time.
class PromelaText {
 public:
  template <class... A>
  void line(fmt::format_string<A...> f, A&&... a) {
    fmt::format_to(std::back_inserter(text_), f, std::forward<A>(a)...);
    text_ += '\n';
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

// Text that may stand inside a /* */ comment (no newline, no "*/").
std::string comment_safe(std::string s);
std::string join(const std::vector<std::string>& parts, const std::string& sep);
// `if :: cond -> then :: else -> skip fi` on one line.
std::string when(const std::string& cond, const std::string& then);
// The smallest Promela integer type holding 0..max.
const char* int_type(int64_t max);
// Bits for the values 0..max (at least one: Promela has no empty field).
int width_of(int64_t max);
// True when `s` is a literal index ("0", "12"), not an expression.
bool is_literal(const std::string& s);

// `((x) == 0 -> e(0) : ((x) == 1 -> e(1) : ... e(n - 1)))`: variable x picks
// one of n variables (Promela has no arrays of bit fields).
template <class E>
std::string choose(const std::string& x, int n, E e) {
  std::string out = e(n - 1);
  for (int i = n - 2; i >= 0; --i) out = fmt::format("(({}) == {} -> {} : {})", x, i, e(i), out);
  return out;
}

}  // namespace lgr::promela
