#include "explorer/parent_spill.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace explorer {
namespace {

// A new file in dir, already unlinked; throws SpillError when it cannot be made.
int unlinked_file(const std::string& dir, const char* what) {
  std::string name = dir + "/lgrcheck-" + what + "-XXXXXX";
  const int fd = mkstemp(name.data());
  if (fd < 0) throw SpillError("cannot make a spill file in " + dir + ": " + std::strerror(errno));
  unlink(name.c_str());
  return fd;
}

}  // namespace

ParentSpill::ParentSpill(const std::string& dir) : dir_(dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw SpillError("--spill: " + dir + " is not a folder" + (ec ? " (" + ec.message() + ")" : std::string()));
  parents_fd_ = unlinked_file(dir, "parents");
  try {
    actions_fd_ = unlinked_file(dir, "actions");
  } catch (...) {
    close(parents_fd_);
    throw;
  }
}

ParentSpill::~ParentSpill() {
  if (parents_fd_ >= 0) close(parents_fd_);
  if (actions_fd_ >= 0) close(actions_fd_);
}

void ParentSpill::write_all(int fd, const void* data, std::size_t n, const char* what) {
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0)
      throw SpillError(std::string("cannot write the ") + what + " spill file in " + dir_ + ": " +
                       std::strerror(w < 0 ? errno : ENOSPC) + " (the run stopped: no verdict)");
    p += w;
    n -= static_cast<std::size_t>(w);
  }
}

void ParentSpill::read_at(int fd, void* data, std::size_t n, uint64_t offset, const char* what) const {
  char* p = static_cast<char*>(data);
  while (n > 0) {
    const ssize_t r = ::pread(fd, p, n, static_cast<off_t>(offset));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0)
      throw SpillError(std::string("cannot read the ") + what + " spill file in " + dir_ + ": " +
                       (r < 0 ? std::strerror(errno) : "it is shorter than written"));
    p += r;
    n -= static_cast<std::size_t>(r);
    offset += static_cast<uint64_t>(r);
  }
}

void ParentSpill::append(std::span<const StateId> parents, std::span<const ActionId> actions) {
  if (parents.size() != actions.size()) throw std::logic_error("spill: parents and actions disagree");
  write_all(parents_fd_, parents.data(), parents.size_bytes(), "parents");
  write_all(actions_fd_, actions.data(), actions.size_bytes(), "actions");
  spilled_ += parents.size();
}

StateId ParentSpill::parent(StateId id) const {
  StateId v;
  read_at(parents_fd_, &v, sizeof v, uint64_t{id} * sizeof v, "parents");
  return v;
}

ActionId ParentSpill::action(StateId id) const {
  ActionId v;
  read_at(actions_fd_, &v, sizeof v, uint64_t{id} * sizeof v, "actions");
  return v;
}

}  // namespace explorer
