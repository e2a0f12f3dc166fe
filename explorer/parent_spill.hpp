// Parent links on disk (`--spill DIR`): the parent id and action of every
// numbered state, appended in id order to two files, as TLC's trace file
// keeps them, so that memory holds only the links not yet written. A trace
// reads its few links back with pread. The files are unlinked as soon as
// they are made: they vanish with the process, however it ends, and two
// runs (or two MPI ranks) may share a folder.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

#include "explorer/model_interface.hpp"
#include "explorer/search_result.hpp"

namespace explorer {

// The folder cannot be used, or the disk refused a write (full, or over a
// file size limit); what() is one line naming the file and the reason.
struct SpillError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class ParentSpill {
 public:
  explicit ParentSpill(const std::string& dir);
  ~ParentSpill();
  ParentSpill(const ParentSpill&) = delete;
  ParentSpill& operator=(const ParentSpill&) = delete;

  // Appends the links of ids spilled() .. spilled() + parents.size() - 1.
  void append(std::span<const StateId> parents, std::span<const ActionId> actions);
  // The links of an id below spilled().
  StateId parent(StateId id) const;
  ActionId action(StateId id) const;
  uint64_t spilled() const { return spilled_; }
  uint64_t bytes_written() const { return spilled_ * (sizeof(StateId) + sizeof(ActionId)); }
  const std::string& dir() const { return dir_; }

 private:
  void write_all(int fd, const void* data, std::size_t n, const char* what);
  void read_at(int fd, void* data, std::size_t n, uint64_t offset, const char* what) const;

  std::string dir_;
  int parents_fd_ = -1, actions_fd_ = -1;
  uint64_t spilled_ = 0;
};

}  // namespace explorer
