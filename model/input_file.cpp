#include "model/input_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace lgr {
namespace {

// Closes the descriptor on every path out.
struct Descriptor {
  int fd;
  ~Descriptor() {
    if (fd >= 0) ::close(fd);
  }
};

std::string too_large(std::size_t bytes) {
  return "cannot read: " + std::to_string(bytes) + " bytes, more than the 16 MiB an input may have";
}

}  // namespace

std::string read_input_file(const std::string& path) {
  using Kind = InputFileError::Kind;
  // O_NONBLOCK: opening a FIFO without a writer must not wait; the type is
  // then checked on the open descriptor, so nothing can swap the file between.
  Descriptor file{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (file.fd < 0) {
    if (errno == EISDIR) throw InputFileError(Kind::NotRegular, path, "cannot read: it is a directory");
    throw InputFileError(Kind::CannotOpen, path, std::string("cannot open: ") + std::strerror(errno));
  }
  struct stat info {};
  if (::fstat(file.fd, &info) != 0)
    throw InputFileError(Kind::CannotRead, path, std::string("cannot read: ") + std::strerror(errno));
  if (S_ISDIR(info.st_mode)) throw InputFileError(Kind::NotRegular, path, "cannot read: it is a directory");
  if (!S_ISREG(info.st_mode))
    throw InputFileError(Kind::NotRegular, path, "cannot read: not a regular file (a device, FIFO or socket)");
  if (static_cast<std::size_t>(info.st_size) > kMaxInputBytes)
    throw InputFileError(Kind::TooLarge, path, too_large(static_cast<std::size_t>(info.st_size)));
  // Read at most one byte past the limit, in case the file grows meanwhile.
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw InputFileError(Kind::CannotRead, path, std::string("cannot read: ") + std::strerror(errno));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
    if (text.size() > kMaxInputBytes) throw InputFileError(Kind::TooLarge, path, too_large(text.size()));
  }
  return text;
}

}  // namespace lgr
