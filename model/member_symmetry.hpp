// Member symmetry (issue 17): the permutations of the members that map the
// configuration onto itself together with a renaming of the guests. Used by
// detect_guest_symmetry (model/symmetry.hpp), which adds them to the group.
#pragma once

#include <vector>

#include "model/config.hpp"
#include "model/symmetry.hpp"

namespace lgr {

// Guests g and h are equal in every attribute the model reads, the name
// aside, and their requests are equal one by one in order.
bool guests_interchangeable(const Config& cfg, int g, int h);

// Fills sym.member_classes and sym.member_perms (identity first) and
// multiplies sym.group_size. Conservative: two members share a class only
// when they are equal in every member attribute, belong to the same
// configured domains, and swapping them maps every guest (home, domain,
// requests' targets) onto a guest. The member group is kept to at most
// kMaxMemberPermutations permutations (further classes are left out).
inline constexpr std::size_t kMaxMemberPermutations = 24;
void detect_member_symmetry(const Config& cfg, GuestSymmetry& sym);

}  // namespace lgr
