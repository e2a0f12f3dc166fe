// How `check` reports an error: a line on stderr and, when its JSON goes to
// stdout (`--json -`), a JSON object there too, so that a script reading
// stdout always gets one: {"verdict": "error", "error": "..."}.
#pragma once

#include <string>

namespace lgr {

// Returns exit_status::kBadInput (kInternal when `internal`).
int report_check_error(const std::string& message, bool json_to_stdout, bool internal = false);

// Whether the command line is `check ... --json -` (or --json=-), read
// before CLI11 parses it, for errors of the parse itself.
bool check_json_to_stdout(int argc, const char* const* argv);

}  // namespace lgr
