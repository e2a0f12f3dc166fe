#include "counterexamples/trace.hpp"

#include <fmt/format.h>

#include <cctype>
#include <sstream>

#include "counterexamples/action_label.hpp"
#include "model/input_file.hpp"
#include "model/variant.hpp"
#include "properties/property.hpp"

namespace lgr {
namespace {

// Spec section 6: a `#` starts a comment at the start of a line (after any
// indentation) or after white space when white space or the end of the line
// follows it; elsewhere it belongs to a name (`LGR#1`, `Move G D#2`).
std::string without_comment(const std::string& line) {
  auto blank = [&](size_t i) { return std::isspace(static_cast<unsigned char>(line[i])) != 0; };
  const size_t first = line.find_first_not_of(" \t\r");
  if (first != std::string::npos && line[first] == '#') return "";
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] != '#' || !blank(i - 1)) continue;
    if (i + 1 == line.size() || blank(i + 1)) return line.substr(0, i);
  }
  return line;
}

std::string trimmed(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string known_properties() {
  std::vector<std::string> names;
  for (const auto& p : all_properties()) names.emplace_back(p.name);
  return fmt::format("{}", fmt::join(names, ", "));
}

class Parser {
 public:
  explicit Parser(std::string origin) : origin_(std::move(origin)) { trace_.path = origin_; }

  Trace run(const std::string& text) {
    std::istringstream in(text);
    std::string raw;
    while (std::getline(in, raw)) {
      ++line_;
      const std::string content = trimmed(without_comment(raw));
      if (content.empty()) continue;
      const size_t space = content.find_first_of(" \t");
      const std::string key = content.substr(0, space);
      const std::string rest = space == std::string::npos ? "" : trimmed(content.substr(space));
      if (!header_seen_)
        header(content, key, rest);
      else
        entry(content, key, rest);
    }
    if (!header_seen_) fail(1, "empty trace: expected the header 'lgr-trace 1'");
    if (trace_.loop_start && *trace_.loop_start > trace_.steps.size())
      fail(trace_.loop_line, fmt::format("loop {} is after the last step (the trace has {} steps)",
                                         *trace_.loop_start, trace_.steps.size()));
    if (trace_.declared_steps && *trace_.declared_steps != trace_.steps.size())
      fail(trace_.steps_line, fmt::format("'steps {}' but the trace has {} step lines{}", *trace_.declared_steps,
                                          trace_.steps.size(),
                                          trace_.steps.size() < *trace_.declared_steps ? ": it is truncated" : ""));
    // `check` writes the expect line last: without it the end is missing.
    if (trace_.declared_steps && !trace_.expect_line)
      fail(trace_.steps_line, fmt::format("'steps {}' but the trace has no 'expect' line: it is truncated",
                                          *trace_.declared_steps));
    return std::move(trace_);
  }

 private:
  [[noreturn]] void fail(int line, const std::string& why) const {
    throw TraceError(fmt::format("{}:{}: {}", origin_, line, why));
  }
  [[noreturn]] void fail(const std::string& why) const { fail(line_, why); }

  void header(const std::string& content, const std::string& key, const std::string& rest) {
    if (key != "lgr-trace") fail(fmt::format("expected the header 'lgr-trace 1', got '{}'", content));
    if (rest != "1") fail(fmt::format("unsupported trace version '{}' (this lgrcheck reads 'lgr-trace 1')", rest));
    header_seen_ = true;
  }

  void entry(const std::string& content, const std::string& key, const std::string& rest) {
    if (key == "config") {
      if (rest.empty()) fail("'config' needs a file name");
      if (config_line_) fail(fmt::format("second 'config' line (the first is on line {})", config_line_));
      config_line_ = line_;
      trace_.config = rest;
      trace_.config_line = line_;
    } else if (key == "variant") {
      if (rest.empty() || rest.find_first_of(" \t") != std::string::npos)
        fail(fmt::format("'variant' needs one variant name, got '{}'", rest));
      try {
        parse_variants({rest});
      } catch (const std::invalid_argument& e) {
        fail(e.what());
      }
      trace_.variants.push_back(rest);
    } else if (key == "step") {
      try {
        parse_action_label(rest);
      } catch (const std::invalid_argument& e) {
        fail(fmt::format("step: {}", e.what()));
      }
      trace_.steps.push_back({normalise_label(rest), line_});
    } else if (key == "expect") {
      expect(rest);
    } else if (key == "loop") {
      if (trace_.loop_line) fail(fmt::format("second 'loop' line (the first is on line {})", trace_.loop_line));
      if (rest.empty() || rest.size() > 9 || rest.find_first_not_of("0123456789") != std::string::npos)
        fail(fmt::format("'loop' needs a step number, got '{}'", rest));
      trace_.loop_start = std::stoul(rest);
      trace_.loop_line = line_;
    } else if (key == "steps") {
      steps(rest);
    } else if (key == "lgr-trace") {
      fail("second 'lgr-trace' header");
    } else {
      fail(fmt::format("unknown line '{}' (expected config, variant, steps, step, expect or loop)", content));
    }
  }

  void steps(const std::string& rest) {
    if (trace_.steps_line) fail(fmt::format("second 'steps' line (the first is on line {})", trace_.steps_line));
    if (!trace_.steps.empty()) fail("'steps' must come before the first step");
    if (rest.empty() || rest.size() > 9 || rest.find_first_not_of("0123456789") != std::string::npos)
      fail(fmt::format("'steps' needs the number of steps, got '{}'{}", rest,
                       rest.empty() || std::isdigit(static_cast<unsigned char>(rest[0]))
                           ? ""
                           : " (a step is written 'step LABEL')"));
    trace_.declared_steps = std::stoul(rest);
    trace_.steps_line = line_;
  }

  void expect(const std::string& rest) {
    if (trace_.expect_line) fail(fmt::format("second 'expect' line (the first is on line {})", trace_.expect_line));
    std::istringstream in(rest);
    std::string what, property, extra;
    in >> what >> property >> extra;
    if (what == "ok" && property.empty()) {
      trace_.expect_ok = true;
    } else if (what == "violation" && !property.empty() && extra.empty()) {
      if (!parse_property(property))
        fail(fmt::format("expect: unknown property '{}' (known: {})", property, known_properties()));
      trace_.expect_violation = property;
    } else {
      fail(fmt::format("'expect' needs 'ok' or 'violation PROPERTY', got '{}'", rest));
    }
    trace_.expect_line = line_;
  }

  std::string origin_;
  Trace trace_;
  int line_ = 0;
  int config_line_ = 0;
  bool header_seen_ = false;
};

}  // namespace

Trace parse_trace(const std::string& text, const std::string& origin) { return Parser(origin).run(text); }

Trace load_trace(const std::string& path) {
  std::string text;
  try {
    text = read_input_file(path);
  } catch (const InputFileError& e) {
    if (e.kind == InputFileError::Kind::CannotOpen) throw TraceError(fmt::format("{}: cannot open the trace file", path));
    throw TraceError(e.what());
  }
  return parse_trace(text, path);
}

std::string format_trace(const Trace& t) {
  std::string out = "lgr-trace 1\n";
  for (const auto& note : t.notes) out += "# " + note + "\n";
  if (!t.config.empty()) out += "config " + t.config + "\n";
  for (const auto& v : t.variants) out += "variant " + v + "\n";
  if (t.declared_steps) out += fmt::format("steps {}\n", *t.declared_steps);
  for (const auto& s : t.steps) out += "step " + s.label + "\n";
  if (t.loop_start) out += fmt::format("loop {}\n", *t.loop_start);
  if (t.expect_violation) out += "expect violation " + *t.expect_violation + "\n";
  if (t.expect_ok) out += "expect ok\n";
  return out;
}

}  // namespace lgr
