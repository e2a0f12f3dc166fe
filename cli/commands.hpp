// Each subcommand registers itself on the application; its callback stores
// the process exit status in `status`.
#pragma once

#include <CLI/CLI.hpp>

namespace lgr {

void add_check_command(CLI::App& app, int& status);
void add_resume_command(CLI::App& app, int& status);
void add_test_command(CLI::App& app, int& status);
void add_export_command(CLI::App& app, int& status);
void add_replay_command(CLI::App& app, int& status);
void add_render_command(CLI::App& app, int& status);
void add_graph_command(CLI::App& app, int& status);
void add_suite_command(CLI::App& app, int& status);
void add_simulate_command(CLI::App& app, int& status);

}  // namespace lgr
