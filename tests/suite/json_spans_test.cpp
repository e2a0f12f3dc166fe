// suite_json_spans: the byte range of every value, which --update-counts
// rewrites in place, and refusal of repeated keys.
#include "suite/suite_json_spans.hpp"

#include <catch2/catch.hpp>
#include <functional>
#include <nlohmann/json.hpp>

using nlohmann::json;

TEST_CASE("suite: JSON spans cover exactly each value of the text", "[suite]") {
  const std::string text =
      "\xEF\xBB\xBF{ \"a/b~c\" : [1, -2.5e3, \"q\\\"]}\\\\\", {}, [], null],\n"
      "  \"e\\u0301\": {\"x\": {\"y\": true}, \"z\": \"\xC3\xA9\"} ,\"n\":606\t}\n";
  const json doc = json::parse(text);
  const lgr::JsonSpans spans = lgr::index_json_spans(text);
  std::size_t values = 0;
  std::function<void(const json&, const json::json_pointer&)> walk = [&](const json& v, const json::json_pointer& at) {
    ++values;
    INFO(at.to_string());
    REQUIRE(spans.count(at.to_string()) == 1);
    const lgr::JsonSpan s = spans.at(at.to_string());
    CHECK(json::parse(text.substr(s.begin, s.end - s.begin)) == v);
    if (v.is_object())
      for (const auto& item : v.items()) walk(item.value(), at / item.key());
    if (v.is_array())
      for (std::size_t i = 0; i < v.size(); ++i) walk(v[i], at / i);
  };
  walk(doc, json::json_pointer());
  CHECK(values == spans.size());
  CHECK(text.substr(spans.at("/n").begin, spans.at("/n").end - spans.at("/n").begin) == "606");
  CHECK(spans.count("/a~1b~0c/1") == 1);  // the pointer escapes '/' and '~'
}

TEST_CASE("suite: JSON spans refuse a key repeated in one object", "[suite]") {
  try {
    lgr::index_json_spans(R"({"a": {"b": 1, "c": {"b": 2}, "b": 3}})");
    FAIL("no error");
  } catch (const lgr::JsonSpanError& e) {
    CHECK(e.pointer == "/a/b");
    CHECK(std::string(e.what()) == "duplicate key \"b\"");
  }
  CHECK_NOTHROW(lgr::index_json_spans(R"([{"b": 1}, {"b": 2}])"));
}
