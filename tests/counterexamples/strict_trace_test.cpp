// Traces read strictly (spec section 6): when a `#` is a comment, how a
// Move label's `D#k` is told from a member named `D#k`, names in any case,
// and a `config` line that cannot be opened named with the trace's line.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <string>

#include "counterexamples/action_label.hpp"
#include "counterexamples/replay.hpp"
#include "counterexamples/trace.hpp"
#include "model/config.hpp"
#include "model/input_file.hpp"
#include "tests/support/input_files.hpp"

using lgr::parse_action_label;
using lgr::parse_trace;
using lgr::resolve_action_label;
using lgr::testing::InputDir;
using lgr::testing::run_binary;

namespace {

std::string trace_error(const std::string& text) {
  try {
    parse_trace(text, "t.trace");
  } catch (const lgr::TraceError& e) {
    return e.what();
  }
  return "(no error)";
}

// Members B and B#1; guest G has two requests to B and one to B#1.
lgr::LgrModel hash_model() {
  return lgr::LgrModel(lgr::parse_config(R"({
    "members": [{"name": "A", "storage": 8, "paging": 8}, {"name": "B", "storage": 8, "paging": 8},
                {"name": "B#1", "storage": 8, "paging": 8}],
    "guests": [{"name": "G#1", "home": "A", "memory": 1}],
    "requests": [{"guest": "G#1", "to": "B"}, {"guest": "G#1", "to": "B", "immediate": true},
                 {"guest": "G#1", "to": "B#1"}]})",
                                         "hash.json"),
                       {});
}

}  // namespace

TEST_CASE("strict trace: a # is a comment only at the line start or between white space", "[counterexamples][strict]") {
  const lgr::Trace t = parse_trace(
      "#header comment\n"
      "lgr-trace 1\n"
      "   #indented comment\n"
      "step Move G#1 B#2 #\n"
      "step GuestWrites G#1\t# tab before\n"
      "step CancelAtSrc G#1 #\n",
      "t.trace");
  REQUIRE(t.steps.size() == 3);
  CHECK(t.steps[0].label == "Move G#1 B#2");
  CHECK(t.steps[1].label == "GuestWrites G#1");
  CHECK(t.steps[2].label == "CancelAtSrc G#1");
  // A # followed by a letter after white space is a word, not a comment.
  CHECK(trace_error("lgr-trace 1\nstep Tick #note\n") == "t.trace:2: step: 'Tick' takes no argument: 'Tick #note'");
  CHECK(trace_error("lgr-trace 1\nstep Move G B #2\n") == "t.trace:2: step: 'Move' takes GUEST MEMBER: 'Move G B #2'");
}

TEST_CASE("strict trace: in Move G D#k, a member named D#k comes first", "[counterexamples][strict]") {
  const lgr::LgrModel m = hash_model();
  auto request_of = [&](const std::string& label) { return m.actions()[resolve_action_label(m, parse_action_label(label))].request; };
  CHECK(request_of("Move G#1 B#1") == 2);  // the member B#1, not request 1 to B
  CHECK(request_of("Move G#1 B#2") == 1);  // no member B#2: request 2 to B
  CHECK(request_of("Move g#1 b#1") == 2);  // names in any case
  auto why = [&](const std::string& label) {
    try {
      resolve_action_label(m, parse_action_label(label));
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("(resolved)");
  };
  CHECK(why("Move G#1 B#3") == "request 3 does not move G#1 to B");
  CHECK(why("Move G#1 B#x") == "unknown member 'B#x' (known: A, B, B#1)");
}

TEST_CASE("strict trace: a trace in lower case replays like the one in upper case", "[counterexamples][strict]") {
  InputDir dir;
  const std::string config = lgr::testing::source_file("examples/ssi2-basic.json");
  std::string text = "lgr-trace 1\nconfig " + config + "\nvariant early-resume\n";
  for (const char* step : {"Move lgrlin21 gdllcpx1", "DstReceive LgrLin21 CREATE", "SrcReceive lgrlin21 CREATED",
                           "SrcQuiesce lgrlin21", "SrcFinalCheck lgrlin21", "DstReceive lgrlin21 MEM",
                           "DstReceive lgrlin21 STATE"})
    text += std::string("step ") + step + "\n";
  text += "expect violation SingleInstance\n";
  const lgr::testing::Run r = run_binary("replay -q '" + dir.write("lower.trace", text) + "'");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("replay: ok\n") != std::string::npos);
}

TEST_CASE("strict trace: a config line that cannot be read names the trace file and line", "[counterexamples][strict]") {
  InputDir dir;
  const std::string missing = dir.write("missing.trace", "lgr-trace 1\n# the cluster\nconfig nowhere.json\n");
  lgr::testing::Run r = run_binary("replay '" + missing + "'");
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: " + missing + ":3: config nowhere.json: cannot open: No such file or directory\n");
  const std::string device = dir.write("device.trace", "lgr-trace 1\nconfig /dev/zero\n");
  r = run_binary("replay '" + device + "'");
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: " + device + ":2: config /dev/zero: cannot read: not a regular file (a device, FIFO or socket)\n");
  // The trace itself is read as safely as a configuration.
  r = run_binary("replay /dev/zero");
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: /dev/zero: cannot read: not a regular file (a device, FIFO or socket)\n");
  const std::string fifo = dir.file("fifo.trace");
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  r = run_binary("replay '" + fifo + "'");
  CHECK(r.status == 2);
  CHECK(r.err == "lgrcheck: error: " + fifo + ": cannot read: not a regular file (a device, FIFO or socket)\n");
  CHECK_THROWS_WITH(lgr::load_trace(dir.write("big.trace", std::string(lgr::kMaxInputBytes + 1, '#'))),
                    dir.file("big.trace") + ": cannot read: 16777217 bytes, more than the 16 MiB an input may have");
}
