#include "counterexamples/state_graph.hpp"

#include <fmt/format.h>

#include <deque>
#include <map>
#include <unordered_map>

// GCC 12 sees boost::optional inside write_graphviz's edge loop as maybe
// uninitialized (a known false positive); keep the build free of noise.
// (clang, which builds the fuzz targets, has no such warning.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>

#include "counterexamples/step_events.hpp"
#include "properties/invariants.hpp"
#include "properties/property.hpp"

namespace lgr {
namespace {

struct NodeInfo {
  std::string label;
  std::string violated;  // property names, empty when none
  bool initial = false;
  bool on_trace = false;
  uint32_t level = 0;  // BFS level: steps from the initial state (along the trace for --around)
};

struct EdgeInfo {
  std::string label;
  bool on_trace = false;
};

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, NodeInfo, EdgeInfo>;
using Words = std::vector<Word>;

struct WordsHash {
  std::size_t operator()(const Words& w) const {
    uint64_t h = 1469598103934665603ull;
    for (Word x : w) h = (h ^ x) * 1099511628211ull;
    return static_cast<std::size_t>(h);
  }
};

// A DOT string literal; "\n" inside `text` becomes a centred line break.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') out += "\\n";
    else out += c;
  }
  return out + "\"";
}

std::string violated_names(const LgrModel& m, const StateVars& v, bool has_successor) {
  const explorer::LabelMask bad = violated_invariants(m, v);
  std::vector<std::string> names;
  for (const auto& p : all_properties())
    if (p.kind == PropertyKind::Invariant && (bad & property_bit(p.id))) names.emplace_back(p.name);
  if (!no_deadlock(m, v, has_successor)) names.emplace_back(property_info(PropertyId::NoDeadlock).name);
  return fmt::format("{}", fmt::join(names, ", "));
}

// Breadth-first from the roots (the initial state, or a trace's states),
// at most `depth` steps past a root, stopping once past the node cap.
class GraphBuilder {
 public:
  GraphBuilder(const LgrModel& m, const StateGraphRequest& r) : m_(m), r_(r) {}

  bool build() {
    std::vector<Words> roots;
    if (r_.around.empty()) {
      roots.emplace_back(m_.state_words());
      m_.initial(roots.back().data());
    }
    for (const StateVars& v : r_.around) {
      roots.emplace_back(m_.state_words());
      m_.encode(v, roots.back().data());
    }
    const uint32_t depth = !r_.around.empty() ? r_.radius : r_.max_depth.value_or(UINT32_MAX);
    std::deque<std::pair<std::size_t, uint32_t>> queue;  // node, steps past its root
    for (std::size_t i = 0; i < roots.size(); ++i) {
      const auto [id, fresh] = node(roots[i], static_cast<uint32_t>(i));
      if (!r_.around.empty()) nodes_[id].on_trace = true;
      if (fresh) queue.emplace_back(id, 0);
      if (i > 0) trace_edges_.emplace_back(index_.at(roots[i - 1]), id);
    }
    while (!queue.empty()) {
      if (nodes_.size() > r_.max_nodes) return false;
      // Named copies, not a structured binding: clang 14 (the fuzz build)
      // cannot capture a binding in the lambda below.
      const auto id = queue.front().first;
      const auto steps = queue.front().second;
      queue.pop_front();
      const Words s = states_[id];
      const StateVars v = m_.decode(s.data());
      bool any = false;
      m_.successors(s.data(), v, [&](ActionIndex a, const Word* next) {
        any = true;
        const Words w(next, next + m_.state_words());
        auto found = index_.find(w);
        if (found == index_.end()) {
          if (steps >= depth) return;  // past the part drawn
          const auto [to, fresh] = node(w, nodes_[id].level + 1);
          queue.emplace_back(to, steps + 1);
          found = index_.find(w);
        }
        edges_.push_back({id, found->second, m_.label(a, v)});
      });
      nodes_[id].violated = violated_names(m_, v, any);
    }
    return nodes_.size() <= r_.max_nodes;
  }

  Graph graph() const {
    Graph g(nodes_.size());
    for (std::size_t i = 0; i < nodes_.size(); ++i) g[i] = nodes_[i];
    for (const auto& e : edges_) {
      bool trace = false;
      for (const auto& [a, b] : trace_edges_) trace |= a == e.from && b == e.to;
      boost::add_edge(e.from, e.to, EdgeInfo{e.label, trace}, g);
    }
    return g;
  }
  std::size_t size() const { return nodes_.size(); }

 private:
  struct Edge {
    std::size_t from, to;
    std::string label;
  };

  std::pair<std::size_t, bool> node(const Words& w, uint32_t level) {
    if (const auto it = index_.find(w); it != index_.end()) return {it->second, false};
    const std::size_t id = nodes_.size();
    index_.emplace(w, id);
    states_.push_back(w);
    NodeInfo info;
    info.label = fmt::format("#{}\n{}", id, state_node_label(m_, m_.decode(w.data())));
    info.initial = id == 0 && r_.around.empty();
    info.level = level;
    nodes_.push_back(std::move(info));
    return {id, true};
  }

  const LgrModel& m_;
  const StateGraphRequest& r_;
  std::unordered_map<Words, std::size_t, WordsHash> index_;
  std::vector<Words> states_;
  std::vector<NodeInfo> nodes_;
  std::vector<Edge> edges_;
  std::vector<std::pair<std::size_t, std::size_t>> trace_edges_;
};

}  // namespace

std::string state_node_label(const LgrModel& model, const StateVars& v) {
  const Config& cfg = model.config();
  const int M = static_cast<int>(cfg.members.size());
  std::vector<std::string> lines;
  for (size_t g = 0; g < cfg.guests.size(); ++g) {
    const GuestVars& gv = v.g[g];
    std::string line = fmt::format("{} own {}", cfg.guests[g].name, cfg.members[gv.own].name);
    for (int m = 0; m < M; ++m)
      if (gv.inst[m] != I_NONE) line += fmt::format(" {}:{}", cfg.members[m].name, inst_name(gv.inst[m]));
    if (gv.rs != RS_NONE) line += fmt::format(" rs {}", rs_name(gv.rs));
    if (gv.episode()) line += fmt::format(" req {} from {}", gv.cur, cfg.members[gv.from].name);
    if (gv.pass > 0) line += fmt::format(" pass {}", gv.pass);
    if (gv.dirty) line += " dirty";
    if (gv.img_ok) line += " image-complete";
    if (gv.inelig) line += " ineligible";
    if (gv.qtime > 0) line += fmt::format(" quiesced {}", gv.qtime);
    if (gv.elapsed > 0) line += fmt::format(" elapsed {}", gv.elapsed);
    if (gv.c_sd) line += fmt::format(" ->[{}]", fmt::join(channel_messages(gv.c_sd, true), " "));
    if (gv.c_ds) line += fmt::format(" <-[{}]", fmt::join(channel_messages(gv.c_ds, false), " "));
    if (gv.lost) line += " LOST";
    if (gv.bad_image) line += " BAD-IMAGE";
    if (gv.bad_commit) line += " BAD-COMMIT";
    lines.push_back(line);
  }
  for (int m = 0; m < M; ++m)
    if (!v.up[m]) lines.push_back(cfg.members[m].name + " down");
  for (int a = 0; a < M; ++a)
    for (int b = a + 1; b < M; ++b)
      if (!v.link[a][b]) lines.push_back(fmt::format("link {} - {} down", cfg.members[a].name, cfg.members[b].name));
  lines.push_back(fmt::format("left: moves {} cancels {} mfail {} lfail {} elig {}", v.moves_left, v.cancels_left,
                              v.mfail_left, v.lfail_left, v.elig_left));
  return fmt::format("{}", fmt::join(lines, "\n"));
}

StateGraphSummary write_state_graph_dot(const LgrModel& model, uint64_t max_nodes, std::ostream& out) {
  StateGraphRequest r;
  r.max_nodes = max_nodes;
  return write_state_graph_dot(model, r, out);
}

StateGraphSummary write_state_graph_dot(const LgrModel& model, const StateGraphRequest& request, std::ostream& out) {
  GraphBuilder builder(model, request);
  StateGraphSummary summary;
  const bool fits = builder.build();
  summary.states = builder.size();
  if (!fits) {
    summary.too_large = true;
    return summary;
  }
  Graph g = builder.graph();
  summary.transitions = boost::num_edges(g);
  for (std::size_t i = 0; i < builder.size(); ++i) {
    if (g[i].violated.empty()) continue;
    ++summary.violating_states;
    g[i].label += "\nVIOLATES " + g[i].violated;
  }

  const auto node_writer = [&](std::ostream& o, Graph::vertex_descriptor n) {
    const NodeInfo& info = g[n];
    o << "[label=" << quoted(info.label);
    if (!info.violated.empty())
      o << ", style=filled, fillcolor=\"#ff9999\", color=\"#b30000\", tooltip=" << quoted("violates " + info.violated);
    if (info.on_trace) o << ", color=\"#1f4e79\", penwidth=3";
    if (info.initial) o << ", peripheries=2";
    o << "]";
  };
  const auto edge_writer = [&](std::ostream& o, Graph::edge_descriptor e) {
    o << "[label=" << quoted(g[e].label);
    if (g[e].on_trace) o << ", color=\"#1f4e79\", penwidth=3";
    o << "]";
  };
  const auto graph_writer = [&](std::ostream& o) {
    std::string part = "";
    if (!request.around.empty()) part = fmt::format(" within {} steps of the trace", request.radius);
    else if (request.max_depth) part = fmt::format(" up to depth {}", *request.max_depth);
    o << "label=" << quoted(fmt::format("{}: {} states, {} transitions{}{}", model.config().name, summary.states,
                                        summary.transitions, part,
                                        model.variants().empty()
                                            ? ""
                                            : fmt::format(", variant {}", fmt::join(model.variants().names(), ", "))))
      << ";\nlabelloc=t;\nrankdir=TB;\nnode [shape=box, fontname=\"DejaVu Sans\", fontsize=9];\n"
         "edge [fontname=\"DejaVu Sans\", fontsize=8];\n";
    // One rank per BFS level, so the picture reads top down, step by step.
    std::map<uint32_t, std::vector<std::size_t>> levels;
    for (std::size_t i = 0; i < builder.size(); ++i) levels[g[i].level].push_back(i);
    for (const auto& [level, ids] : levels)
      o << "subgraph level" << level << " { rank=same; " << fmt::format("{}", fmt::join(ids, "; ")) << "; }\n";
  };
  boost::write_graphviz(out, g, node_writer, edge_writer, graph_writer);
  return summary;
}

}  // namespace lgr
