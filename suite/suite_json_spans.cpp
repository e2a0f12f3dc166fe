#include "suite/suite_json_spans.hpp"

#include <nlohmann/json.hpp>
#include <set>

namespace lgr {
namespace {

using Pointer = nlohmann::json::json_pointer;
constexpr int kMaxDepth = 256;

// A recursive walk over text that nlohmann has accepted, so it only needs
// to find where things end, not to diagnose.
class SpanScanner {
 public:
  explicit SpanScanner(std::string_view text) : t_(text) {
    if (t_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // a UTF-8 byte order mark, as nlohmann allows
  }

  JsonSpans run() {
    value(Pointer(), 0);
    return std::move(spans_);
  }

 private:
  std::string_view t_;
  std::size_t i_ = 0;
  JsonSpans spans_;

  char peek() const { return i_ < t_.size() ? t_[i_] : '\0'; }
  void skip_space() {
    while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') ++i_;
  }

  void value(const Pointer& at, int depth) {
    if (depth > kMaxDepth) throw JsonSpanError(at.to_string(), "nested deeper than 256 levels");
    skip_space();
    const std::size_t begin = i_;
    if (peek() == '{') object(at, depth);
    else if (peek() == '[') array(at, depth);
    else if (peek() == '"') string();
    else scalar();
    spans_[at.to_string()] = {begin, i_};
  }

  void object(const Pointer& at, int depth) {
    ++i_;
    skip_space();
    std::set<std::string> keys;
    while (peek() == '"') {
      const std::size_t key_begin = i_;
      string();
      const std::string key = nlohmann::json::parse(t_.substr(key_begin, i_ - key_begin)).get<std::string>();
      if (!keys.insert(key).second)
        throw JsonSpanError((at / key).to_string(), "duplicate key " + nlohmann::json(key).dump());
      skip_space();
      ++i_;  // ':'
      value(at / key, depth + 1);
      skip_space();
      if (peek() == ',') ++i_;
      skip_space();
    }
    ++i_;  // '}'
  }

  void array(const Pointer& at, int depth) {
    ++i_;
    skip_space();
    for (std::size_t k = 0; peek() != ']' && i_ < t_.size(); ++k) {
      value(at / k, depth + 1);
      skip_space();
      if (peek() == ',') ++i_;
      skip_space();
    }
    ++i_;  // ']'
  }

  void string() {
    ++i_;
    while (i_ < t_.size() && t_[i_] != '"') i_ += t_[i_] == '\\' ? 2 : 1;
    ++i_;
  }

  void scalar() {
    while (i_ < t_.size() && std::string_view(",]} \t\r\n").find(t_[i_]) == std::string_view::npos) ++i_;
  }
};

}  // namespace

JsonSpans index_json_spans(std::string_view text) { return SpanScanner(text).run(); }

}  // namespace lgr
