// What every part of the Promela writer reads: the model, its configuration
// and variants, the layout, and the per-guest text of each literal guest.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "crosscheck/promela/layout.hpp"
#include "model/lgr_model.hpp"

namespace lgr::promela {

struct ExportContext {
  ExportContext(const LgrModel& model, const Layout& layout);

  const LgrModel& model;
  const Config& cfg;
  const Layout& layout;
  int M = 0, K = 0;
  int cap = 0;                                  // channel bound: passes + 3 + cancels
  std::vector<std::vector<int>> requests_of;    // guest -> its requests, in order
  std::vector<GuestText> guests;                // guest g as a literal index

  bool has(Variant v) const { return model.variants().has(v); }
  int64_t clamp(int64_t v) const { return std::min(v, kPromelaIntMax); }
  const std::string& member(int m) const { return cfg.members[m].name; }
  const std::string& guest(int g) const { return cfg.guests[g].name; }
  // Index of the member pair x < y in the link variables.
  int link_index(int x, int y) const { return x * (2 * M - x - 1) / 2 + y - x - 1; }
  int links() const { return M * (M - 1) / 2; }
  // The largest values of the timers: every request's maxtotal, and
  // maxquiesce + 2 (qtime passes maxquiesce by one for a moment before
  // ignore-maxquiesce caps it after the increment).
  int64_t max_elapsed() const;
  int64_t max_qtime() const;

  // A request attribute of guest g's episode as an expression of its
  // request variable (a constant when all of g's requests agree).
  template <class F>
  std::string per_request(int g, F value) const {
    const auto& qs = requests_of[g];
    if (qs.empty()) return "0";
    bool same = true;
    for (int q : qs) same &= value(cfg.requests[q]) == value(cfg.requests[qs[0]]);
    if (same) return fmt::format("{}", value(cfg.requests[qs[0]]));
    std::string e = fmt::format("{}", value(cfg.requests[qs.back()]));
    for (int k = static_cast<int>(qs.size()) - 2; k >= 0; --k)
      e = fmt::format("({} == {} -> {} : {})", guests[g].cur, k + 1, value(cfg.requests[qs[k]]), e);
    return e;
  }

  // storage_ok(g, q) at destination d (spec section 1), constants folded.
  std::string storage_ok(int g, int d, bool force_storage) const;
};

}  // namespace lgr::promela
