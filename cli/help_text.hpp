// Pieces of --help built from the registries, so that a new variant,
// property or strategy shows up in every help text without editing it, and
// the one error line every command prints for bad input.
#pragma once

#include <string>
#include <vector>

namespace lgr {

// "a, b, c" broken into lines: the first at most `first_width` characters,
// the others at most `width`.
std::string comma_lines(const std::vector<std::string>& names, std::size_t first_width, std::size_t width = 88);
std::vector<std::string> variant_names();
std::vector<std::string> property_names_list();

// Prints "lgrcheck: error: MSG" on stderr; returns exit status 2 (bad input).
int bad_input(const std::string& msg);

}  // namespace lgr
