// Reading an input file (configuration, trace, manifest) whole, safely: a
// device such as /dev/zero or a FIFO would never end or block forever, and a
// huge file is a mistake, not a cluster; both are refused before reading.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace lgr {

inline constexpr std::size_t kMaxInputBytes = 16 * 1024 * 1024;  // 16 MiB

struct InputFileError : std::runtime_error {
  enum class Kind { CannotOpen, NotRegular, TooLarge, CannotRead };
  InputFileError(Kind k, const std::string& path, const std::string& why)
      : std::runtime_error(path + ": " + why), kind(k), reason(why) {}
  Kind kind;
  std::string reason;  // what() without the leading "PATH: "
};

// The whole file. what() of the error: "PATH: cannot open: No such file or
// directory", "PATH: cannot read: it is a directory", "PATH: cannot read:
// not a regular file (a device, FIFO or socket)", "PATH: cannot read: N
// bytes, more than the 16 MiB an input may have".
std::string read_input_file(const std::string& path);

}  // namespace lgr
