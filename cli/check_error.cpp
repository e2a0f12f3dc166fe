#include "cli/check_error.hpp"

#include <iostream>
#include <nlohmann/json.hpp>

#include "checker/exit_codes.hpp"

namespace lgr {

int report_check_error(const std::string& message, bool json_to_stdout, bool internal) {
  std::cerr << "lgrcheck: " << (internal ? "internal error: " : "error: ") << message << "\n";
  if (json_to_stdout) {
    const nlohmann::json j = {{"verdict", "error"}, {"error", message}};
    std::cout << j.dump(2) << "\n" << std::flush;
  }
  return internal ? exit_status::kInternal : exit_status::kBadInput;
}

bool check_json_to_stdout(int argc, const char* const* argv) {
  if (argc < 2 || std::string(argv[1]) != "check") return false;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--json=-" || (arg == "--json" && i + 1 < argc && std::string(argv[i + 1]) == "-")) return true;
  }
  return false;
}

}  // namespace lgr
