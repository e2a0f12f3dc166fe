#include "model/strict_json.hpp"

#include <fmt/format.h>

#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace lgr {
namespace {

// Counts the bytes the parser has taken, so a SAX event (which carries no
// position) can tell where it is.
struct CountingIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* at;
  std::size_t* taken;

  reference operator*() const { return *at; }
  CountingIterator& operator++() {
    ++at;
    ++*taken;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator old = *this;
    ++*this;
    return old;
  }
  bool operator==(const CountingIterator& o) const { return at == o.at; }
  bool operator!=(const CountingIterator& o) const { return at != o.at; }
};

// nlohmann's what() reads "[json.exception.parse_error.101] parse error at
// line 1, column 2: syntax error ..."; keep the part after the position.
std::string parse_error_reason(const std::string& what) {
  const size_t start = what.find("parse error");
  const size_t colon = start == std::string::npos ? start : what.find(": ", start);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

// Builds the document as nlohmann's DOM parser does, and stops at the first
// repeated key, overflowing number or too deep nesting.
template <class Json>
class StrictBuilder {
 public:
  using number_integer_t = typename Json::number_integer_t;
  using number_unsigned_t = typename Json::number_unsigned_t;
  using number_float_t = typename Json::number_float_t;
  using string_t = typename Json::string_t;
  using binary_t = typename Json::binary_t;
  using Pointer = typename Json::json_pointer;

  StrictBuilder(std::string_view text, const std::size_t& taken) : text_(text), taken_(taken) {}

  Json take() { return std::move(root_); }

  bool null() { return value(Json(nullptr)); }
  bool boolean(bool b) { return value(Json(b)); }
  bool number_integer(number_integer_t n) { return value(Json(n)); }
  bool number_unsigned(number_unsigned_t n) { return value(Json(n)); }
  bool number_float(number_float_t n, const string_t&) { return value(Json(n)); }
  bool string(string_t& s) { return value(Json(std::move(s))); }
  bool binary(binary_t& b) { return value(Json::binary(std::move(b))); }

  bool start_object(std::size_t) { return open(Json::value_t::object); }
  bool start_array(std::size_t) { return open(Json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(string_t& k) {
    // The closing quote was the last byte taken; find the opening one (the
    // first quote before it that no backslash escapes).
    const std::size_t close_quote = taken_ - 1;
    std::size_t open_quote = close_quote;
    while (open_quote > 0) {
      --open_quote;
      if (text_[open_quote] != '"') continue;
      std::size_t backslashes = 0;
      while (open_quote > backslashes && text_[open_quote - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) break;
    }
    auto [it, inserted] = open_.back().keys.emplace(k, open_quote);
    if (!inserted) {
      const auto [first_line, first_column] = json_line_and_column(text_, it->second);
      const auto [line, column] = json_line_and_column(text_, open_quote);
      throw JsonTextError(JsonTextError::Kind::DuplicateKey, (pointer_to_top() / k).to_string(), line, column, k,
                          fmt::format("duplicate key {} (first at line {}, column {})", Json(k).dump(), first_line,
                                      first_column));
    }
    open_.back().key = k;
    element_ = &(*open_.back().container)[k];
    return true;
  }

  bool parse_error(std::size_t position, const std::string& token, const nlohmann::detail::exception& e) {
    if (e.id == 406) {  // out_of_range: number overflow; position is one past the number
      const std::size_t start = position >= token.size() ? position - token.size() : 0;
      const auto [line, column] = json_line_and_column(text_, start);
      throw JsonTextError(JsonTextError::Kind::NumberOverflow, pointer_to_child().to_string(), line, column, token,
                          fmt::format("number {} is too large to represent", token));
    }
    // nlohmann's position is 1-based on the last byte read (size+1 at the end).
    const auto [line, column] = json_line_and_column(text_, position == 0 ? 0 : position - 1);
    throw JsonTextError(JsonTextError::Kind::Syntax, "", line, column, "", parse_error_reason(e.what()));
  }

 private:
  struct Open {
    Json* container;
    std::string segment;                   // its key or index in its parent
    std::string key;                       // the key being read (objects)
    std::map<std::string, std::size_t> keys;  // key -> offset of its opening quote
  };

  // The innermost open container ("" for the document).
  Pointer pointer_to_top() const {
    Pointer p;
    for (std::size_t i = 1; i < open_.size(); ++i) p /= open_[i].segment;
    return p;
  }

  // Where the next value goes: the current key of an object, the next index
  // of an array, "" at the top.
  Pointer pointer_to_child() const {
    Pointer p = pointer_to_top();
    if (open_.empty()) return p;
    const Open& top = open_.back();
    return top.container->is_object() ? p / top.key : p / std::to_string(top.container->size());
  }

  Json* place(Json&& v) {
    if (open_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Json* top = open_.back().container;
    if (top->is_array()) {
      top->push_back(std::move(v));
      return &top->back();
    }
    *element_ = std::move(v);
    return element_;
  }

  bool value(Json&& v) {
    place(std::move(v));
    return true;
  }

  bool open(typename Json::value_t type) {
    if (open_.size() >= static_cast<std::size_t>(kMaxJsonDepth)) {
      const std::size_t at = taken_ == 0 ? 0 : taken_ - 1;
      const auto [line, column] = json_line_and_column(text_, at);
      throw JsonTextError(JsonTextError::Kind::TooDeep, pointer_to_child().to_string(), line, column, "",
                          fmt::format("nested deeper than {} levels", kMaxJsonDepth));
    }
    std::string segment;
    if (!open_.empty()) {
      const Open& top = open_.back();
      segment = top.container->is_object() ? top.key : std::to_string(top.container->size());
    }
    Json* container = place(Json(type));
    open_.push_back(Open{container, std::move(segment), {}, {}});
    return true;
  }

  bool close() {
    open_.pop_back();
    return true;
  }

  std::string_view text_;
  const std::size_t& taken_;
  Json root_;
  std::vector<Open> open_;
  Json* element_ = nullptr;
};

}  // namespace

std::pair<std::size_t, std::size_t> json_line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, offset - line_start + 1};
}

template <class Json>
Json parse_strict_json(std::string_view text) {
  std::size_t taken = 0;
  StrictBuilder<Json> builder(text, taken);
  CountingIterator begin{text.data(), &taken};
  CountingIterator end{text.data() + text.size(), &taken};
  Json::sax_parse(begin, end, &builder);
  return builder.take();
}

template nlohmann::json parse_strict_json<nlohmann::json>(std::string_view);
template nlohmann::ordered_json parse_strict_json<nlohmann::ordered_json>(std::string_view);

}  // namespace lgr
