// `lgrcheck test CONFIG GUEST DEST [--force storage,domain,architecture]`:
// VMRELOCATE TEST in the initial state (spec section 1).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace lgr {

// Prints the verdict on `out` and returns the exit status: 0 eligible,
// 1 not eligible (one "CODE: sentence" line per failing check, or the guest
// is already on DEST), 2 usage or configuration error (one
// "lgrcheck: error: ..." line on `err`). Each `force` entry may hold several
// comma-separated values; they are case-insensitive.
int run_test_command(const std::string& config_path, const std::string& guest,
                     const std::string& dest, const std::vector<std::string>& force,
                     std::ostream& out, std::ostream& err);

}  // namespace lgr
