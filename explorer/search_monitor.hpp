// What every engine watches while it runs, from any thread: the limits
// (--max-states, --max-memory, --time-limit, a signal), the peak of its
// memory, and when the next progress report is due. The first limit reached
// wins; the engine stops at its next check, within milliseconds.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

#include "explorer/search_options.hpp"
#include "explorer/search_result.hpp"

namespace explorer {

class SearchMonitor {
 public:
  explicit SearchMonitor(const SearchOptions& o)
      : options_(o), start_(clock::now()), next_report_ns_(seconds_to_ns(o.progress_interval)) {}

  double elapsed() const { return std::chrono::duration<double>(clock::now() - start_).count(); }

  void request_stop(StopReason r) {
    int expected = static_cast<int>(StopReason::Complete);
    stop_.compare_exchange_strong(expected, static_cast<int>(r), std::memory_order_relaxed);
  }
  StopReason stop() const { return static_cast<StopReason>(stop_.load(std::memory_order_relaxed)); }
  bool stopping() const { return stop() != StopReason::Complete; }

  // Checks every limit against the current counts.
  void check(uint64_t states, uint64_t bytes) {
    note_bytes(bytes);
    if (options_.interrupt && options_.interrupt->load(std::memory_order_relaxed)) request_stop(StopReason::Interrupted);
    if (options_.max_states && states >= options_.max_states) request_stop(StopReason::MaxStates);
    if (options_.max_memory && bytes >= options_.max_memory) request_stop(StopReason::MaxMemory);
    if (options_.time_limit > 0 && elapsed() >= options_.time_limit) request_stop(StopReason::TimeLimit);
  }
  // Whether growing by `extra` bytes stays within --max-memory.
  bool may_grow(uint64_t bytes, uint64_t extra) const {
    return !options_.max_memory || bytes + extra < options_.max_memory;
  }

  void note_bytes(uint64_t bytes) {
    uint64_t peak = peak_bytes_.load(std::memory_order_relaxed);
    while (bytes > peak && !peak_bytes_.compare_exchange_weak(peak, bytes, std::memory_order_relaxed)) {
    }
  }
  uint64_t peak_bytes() const { return peak_bytes_.load(std::memory_order_relaxed); }

  // Calls options.progress with snapshot() when a report is due, from
  // whichever thread gets there first, one report at a time.
  template <class Snapshot>
  void maybe_report(Snapshot&& snapshot) {
    if (!options_.progress) return;
    const int64_t now = std::chrono::duration_cast<std::chrono::nanoseconds>(clock::now() - start_).count();
    int64_t due = next_report_ns_.load(std::memory_order_relaxed);
    if (now < due) return;
    if (!next_report_ns_.compare_exchange_strong(due, now + seconds_to_ns(options_.progress_interval),
                                                 std::memory_order_relaxed))
      return;
    // Never two reports at once: the callback need not be thread-safe.
    if (reporting_.exchange(true, std::memory_order_acquire)) return;
    ProgressSnapshot p = snapshot();
    p.seconds = static_cast<double>(now) * 1e-9;
    options_.progress(p);
    reporting_.store(false, std::memory_order_release);
  }

 private:
  using clock = std::chrono::steady_clock;
  static int64_t seconds_to_ns(double s) { return static_cast<int64_t>(s * 1e9); }

  const SearchOptions& options_;
  clock::time_point start_;
  std::atomic<int> stop_{static_cast<int>(StopReason::Complete)};
  std::atomic<uint64_t> peak_bytes_{0};
  std::atomic<int64_t> next_report_ns_;
  std::atomic<bool> reporting_{false};
};

}  // namespace explorer
