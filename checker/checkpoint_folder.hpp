// A folder of numbered checkpoints, DIR/ckpt-<n>, and DIR/CURRENT naming
// the one to resume. A new checkpoint is written into DIR/ckpt-<n>.tmp,
// its files and the folder are flushed to disk (fsync), it is renamed into
// place, and only then does CURRENT switch to it (CURRENT.tmp, fsync,
// rename, fsync of DIR): a crash at any moment leaves CURRENT naming a
// complete checkpoint. The previous one is deleted after the switch.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace lgr {

// A refused or damaged checkpoint; what() is one line.
struct CheckpointError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class CheckpointFolder {
 public:
  explicit CheckpointFolder(std::string dir) : dir_(std::move(dir)) {}
  const std::string& dir() const { return dir_; }

  // The checkpoint CURRENT names ("ckpt-3"), or nullopt when none.
  std::optional<std::string> current() const;
  std::string path_of(const std::string& name) const { return dir_ + "/" + name; }

  // Writes checkpoint `number`: write(folder) puts its files into the
  // temporary folder (each written with write_file); then it is published
  // as above. Throws std::runtime_error when the disk refuses.
  void publish(uint64_t number, const std::function<void(const std::string& folder)>& write);
  // Writes `path` through fill(FILE*) and flushes it to disk.
  static void write_file(const std::string& path, const std::function<void(std::FILE*)>& fill);

 private:
  std::string dir_;
};

}  // namespace lgr
