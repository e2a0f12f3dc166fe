// The one way the tests start a program: posix_spawn, not fork or system().
// The test process has threads (oneTBB's) and a forked child could deadlock
// before exec; system() and popen() also lose the exit status to a shell and
// share one stream for stdout and stderr.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/scratch_dir.hpp"

extern char** environ;

namespace lgr::testing {

// Starts `argv` (argv[0] is the program) with stdout to `out` and stderr to
// `err` (the same file when equal). Returns the pid.
inline pid_t spawn_program(const std::vector<std::string>& argv, const std::string& out, const std::string& err) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (err == out)
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  else
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + argv[0]);
  return pid;
}

// Waits at most `limit` for pid; kills it past that and returns -2. Returns
// the exit status, or -1 when a signal ended it.
inline int wait_exit(pid_t pid, std::chrono::seconds limit = std::chrono::seconds(300)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      return -2;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Whether process `pid` has installed a handler for signal `sig` (so that a
// test sends it only once the program is ready to catch it).
inline bool catches_signal(pid_t pid, int sig) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("SigCgt:", 0) == 0) return (std::stoull(line.substr(7), nullptr, 16) >> (sig - 1)) & 1;
  return false;
}

struct CommandOutcome {
  int status = -1;  // exit status; -1 ended by a signal; -2 killed after the time limit
  std::string out, err;
  std::string output() const { return out + err; }
};

// Runs a program to its end and returns its status and both streams.
inline CommandOutcome run_program(const std::vector<std::string>& argv,
                                  std::chrono::seconds limit = std::chrono::seconds(300)) {
  ScratchDir tmp("run");
  CommandOutcome o;
  o.status = wait_exit(spawn_program(argv, tmp.file("out"), tmp.file("err")), limit);
  o.out = tmp.read("out");
  o.err = tmp.read("err");
  return o;
}

// Starts `lgrcheck ARGS...` with stdout and stderr to `out`, for tests that
// signal or watch the running process.
inline pid_t spawn_lgrcheck(const std::vector<std::string>& args, const std::string& out) {
  std::vector<std::string> argv = {LGRCHECK_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return spawn_program(argv, out, out);
}

// `lgrcheck ARGS...`.
inline CommandOutcome run_lgrcheck(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {LGRCHECK_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_program(argv);
}

// `lgrcheck ARGS`, with ARGS already quoted for the shell (for tests that
// need redirections or globbing); still one posix_spawn, of /bin/sh.
inline CommandOutcome run_lgrcheck(const std::string& shell_args) {
  return run_program({"/bin/sh", "-c", std::string("'") + LGRCHECK_BINARY + "' " + shell_args});
}

}  // namespace lgr::testing
