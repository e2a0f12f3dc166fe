#include "suite/suite_count_update.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "suite/suite_json_spans.hpp"

namespace lgr {
namespace {

struct Edit {
  JsonSpan span;
  std::string value;
};

}  // namespace

CountRewrite rewrite_counts(const std::string& manifest_text, const std::vector<CaseResult>& results) {
  const JsonSpans spans = index_json_spans(manifest_text);
  std::vector<Edit> edits;
  CountRewrite out;
  for (const auto& r : results) {
    const SuiteCase& c = *r.spec;
    struct Field {
      const char* key;
      const std::optional<uint64_t>& expected;
      uint64_t found;
    };
    const uint64_t states = r.report ? r.report->search.states : 0;
    const uint64_t transitions = r.report ? r.report->search.transitions : 0;
    const Field fields[] = {{"states", c.expect.states, states}, {"transitions", c.expect.transitions, transitions}};
    if (!c.expect.states && !c.expect.transitions) continue;
    if (r.status == CaseStatus::Error) {
      out.lines.push_back(fmt::format("{}: not updated: {}", c.name, r.message));
      continue;
    }
    std::vector<std::string> parts;
    for (const Field& f : fields) {
      if (!f.expected) continue;
      if (*f.expected == f.found) {
        parts.push_back(fmt::format("{} {} (unchanged)", f.key, f.found));
        continue;
      }
      parts.push_back(fmt::format("{} {} -> {}", f.key, *f.expected, f.found));
      edits.push_back({spans.at(fmt::format("/cases/{}/expect/{}", c.index, f.key)), std::to_string(f.found)});
    }
    out.lines.push_back(fmt::format("{}: {}", c.name, fmt::join(parts, ", ")));
  }
  // From the end backwards, so that earlier offsets stay valid.
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) { return a.span.begin > b.span.begin; });
  out.text = manifest_text;
  for (const Edit& e : edits) out.text.replace(e.span.begin, e.span.end - e.span.begin, e.value);
  out.changed = !edits.empty();
  return out;
}

}  // namespace lgr
