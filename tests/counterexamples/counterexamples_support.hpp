// Helpers for the counterexamples tests: the shared scratch folder, the one
// way to run the binary, and the bundled scenarios.
#pragma once

#include "tests/support/run_lgrcheck.hpp"
#include "tests/support/scratch_dir.hpp"
#include "tests/support/test_support.hpp"
