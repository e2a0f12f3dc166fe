// A replayed trace as a message sequence chart, independent of how it is
// drawn: lanes for the operator, each member's CP involved and the ownership
// record; one row per step; arrows for commands and messages (from the row
// that sent to the row that received, lost ones ending in a cross), boxes for
// state changes and faults, bands where a guest is quiesced, and the
// verdict at the bottom. svg_chart, html_chart and text_chart draw it.
#pragma once

#include <string>
#include <vector>

#include "counterexamples/replay.hpp"

namespace lgr {

enum class LaneKind { Operator, Member, Ownership };

struct ChartLane {
  LaneKind kind;
  int member = kNone;
  std::string title;
  int failed_at_row = -1;  // the member's CP is down from this row on
};

enum class ArrowStyle {
  Command,   // operator to a CP
  Message,   // sent in one row, received in another
  Lost,      // queued, then thrown away by a failure: ends halfway with a cross
  Dropped,   // sent while the peer was unreachable: never queued
  InFlight,  // still queued when the trace ends
  Record,    // the source writes the ownership record (commit)
};

struct ChartArrow {
  ArrowStyle style;
  int from_lane = 0, to_lane = 0;
  int from_row = 0, to_row = 0;
  std::string label;    // message or command, short
  std::string tooltip;  // the whole sentence
  int seq = 0;          // order of the event that ends it (received, lost) or draws it, in the replay
  int send_seq = 0;     // order of the event that sent it
  int guest = kNone;    // whose relocation it belongs to (one colour per guest)
};

enum class BoxStyle { State, Relocation, Guest, Timer, Fault, Timeout, Ghost };

struct ChartBox {
  BoxStyle style;
  int lane = 0;
  int row = 0;
  std::string text;
  std::string tooltip;
  int seq = 0;  // order of its event in the replay
};

struct ChartBand {  // a guest quiesced on a member
  int lane = 0;
  int from_row = 0, to_row = 0;  // rows [from_row, to_row]
  std::string label;
};

struct ChartLinkFault {
  int lane_a = 0, lane_b = 0;
  int row = 0;
  int seq = 0;
};

struct VerdictLine {
  std::string text;
  bool bad = false;  // a violation, a divergence or an unmet expectation
};

struct ChartRow {
  std::string label;  // "Move LGRLIN21 GDLLCPX1"; row 0 is the initial state
  std::vector<std::string> changes;
};

struct SequenceChart {
  std::string title;
  std::string subtitle;
  std::vector<ChartLane> lanes;
  std::vector<ChartRow> rows;
  std::vector<ChartArrow> arrows;
  std::vector<ChartBox> boxes;
  std::vector<ChartBand> bands;
  std::vector<ChartLinkFault> link_faults;
  std::vector<VerdictLine> verdict;  // violated properties, divergence, lasso, expectation
  // The final-state panel under the chart: where each guest of the chart is
  // at the end, then each property's witness (counterexamples/witness.hpp).
  std::vector<std::string> final_state;
  std::vector<PropertyWitness> witnesses;
  // A lasso: its cycle is rows [cycle_first_row, last row], drawn bracketed
  // with a back-arrow; a stuttering one (no step in its cycle) stays in its
  // last row, cycle_first_row being one past it.
  int cycle_first_row = -1;
  int guest_count = 1;  // guests shown; more than one: one colour each
};

// The colour of guest g's messages ("#1f4e79"); the same guest index gives
// the same colour in every chart.
const char* guest_colour(int guest);

SequenceChart build_sequence_chart(const LgrModel& model, const Trace& trace, const ReplayResult& replay);

std::string render_svg(const SequenceChart& chart);          // a standalone SVG document
std::string render_svg_element(const SequenceChart& chart);  // the <svg> element alone, for HTML
std::string render_html(const SequenceChart& chart);
std::string render_text(const SequenceChart& chart);

}  // namespace lgr
