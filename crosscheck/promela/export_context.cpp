#include "crosscheck/promela/export_context.hpp"

namespace lgr::promela {

ExportContext::ExportContext(const LgrModel& m, const Layout& l)
    : model(m), cfg(m.config()), layout(l), cap(m.layout().channel_capacity) {
  M = static_cast<int>(cfg.members.size());
  K = static_cast<int>(cfg.guests.size());
  requests_of.assign(K, {});
  for (size_t q = 0; q < cfg.requests.size(); ++q) requests_of[cfg.requests[q].guest].push_back(static_cast<int>(q));
  for (int g = 0; g < K; ++g) guests.emplace_back(layout, std::to_string(g));
}

int64_t ExportContext::max_elapsed() const {
  int64_t most = 0;
  for (const Request& r : cfg.requests) most = std::max(most, r.maxtotal);
  return most;
}

int64_t ExportContext::max_qtime() const {
  int64_t most = 0;
  for (const Request& r : cfg.requests) most = std::max(most, r.maxquiesce);
  return most + 2;
}

std::string ExportContext::storage_ok(int g, int d, bool force_storage) const {
  const Guest& gu = cfg.guests[g];
  const Member& dm = cfg.members[d];
  std::vector<std::string> all{fmt::format("{} + RESERVED_{} <= {}", gu.memory, d, clamp(dm.storage))};
  if (!force_storage) {
    if (gu.memory > dm.paging || gu.max_memory > dm.paging) return "0 /* paging too small */";
    all.push_back(fmt::format("{} + RESERVED_{} <= {}", gu.max_memory, d, clamp(dm.storage)));
  }
  return "(" + join(all, " && ") + ")";
}

}  // namespace lgr::promela
