// "Did you mean": the known word a misspelt one most likely stands for.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace lgr {

// The candidate nearest to `word` by edit distance (insertions, deletions,
// substitutions and swaps of neighbours, ignoring case), when it is near
// enough to be a typo: at most 1 edit for words up to 4 letters, 2 beyond.
// Ties go to the first candidate. nullopt when none is that close.
std::optional<std::string> closest_spelling(const std::string& word, const std::vector<std::string>& candidates);

// Edit distance as above (optimal string alignment), case-insensitive.
std::size_t spelling_distance(const std::string& a, const std::string& b);

}  // namespace lgr
