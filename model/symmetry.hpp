// Guest symmetry (issue 17): guests that are identical up to their name are
// interchangeable, and a state's canonical form sorts their records, so that
// every state of an orbit of the group has the same canonical form.
//
// The group is the product of the full symmetric groups of the classes. The
// detector is conservative: two guests share a class only when every guest
// attribute but the name is equal (home included: members are never
// permuted) and their requests are equal one by one, in order (so a local
// request index means the same request for both). Anything else, or a
// difference the detector does not look at, keeps them apart.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "model/lgr_model.hpp"

namespace lgr {

// A permutation of the members that maps the configuration onto itself
// together with a permutation of the guests (guest g's record moves to
// guest[g], whose attributes and requests are g's with every member renamed).
struct MemberPermutation {
  std::array<int, kMaxMembers> member{};
  std::array<int, kMaxGuests> guest{};
};

// The symmetry group: guest classes (guests identical up to name) and
// member classes (members identical in every attribute, with guests and
// requests that map onto each other under the renaming).
struct GuestSymmetry {
  // The classes of two or more interchangeable guests, each in guest order,
  // in the order of their first guest.
  std::vector<std::vector<int>> classes;
  // The classes of two or more interchangeable members, in member order.
  std::vector<std::vector<int>> member_classes;
  // Every permutation of the member group, the identity first; empty when
  // no two members are interchangeable.
  std::vector<MemberPermutation> member_perms;
  // The number of permutations of the whole group: guest permutations times
  // member permutations.
  uint64_t group_size = 1;

  bool trivial() const { return classes.empty() && member_classes.empty(); }
};

GuestSymmetry detect_guest_symmetry(const Config& cfg);

// "guests {LINUX01, LINUX02, LINUX03} interchangeable: 6 permutations", or
// "no two guests or members are interchangeable" for the trivial group; several classes
// (guest classes, then "members {A, B} interchangeable") are joined with
// "; " and the total follows them.
std::string symmetry_text(const Config& cfg, const GuestSymmetry& sym);

// A state's canonical form under the group: within each class the guest
// records (every per-guest variable of spec section 2) sorted in increasing
// order of their fields. In place, on a packed state of `model`.
class GuestCanonicalizer {
 public:
  GuestCanonicalizer(const LgrModel& model, GuestSymmetry sym);

  const GuestSymmetry& symmetry() const { return sym_; }
  void canonicalize(Word* s) const;

  // The state with guest g's record moved to guest perm[g], for every g
  // (perm must map each class onto itself). For tests and proofs: the
  // canonical form of apply(s) equals that of s for every such perm.
  void apply(const Word* s, const std::vector<int>& perm, Word* out) const;
  // The state under member permutation symmetry().member_perms[k]: every
  // member reference renamed (up, link, own, inst[], from) and each guest's
  // record moved to its image.
  void apply_members(const Word* s, std::size_t k, Word* out) const;

 private:
  // A guest's record: its fields' raw values, in a fixed order.
  static constexpr int kMaxFields = 15 + kMaxMembers;
  struct Record {
    uint64_t f[kMaxFields];
  };
  void read(const Word* s, int g, Record& r) const;
  void write(Word* s, int g, const Record& r) const;
  void sort_guests(Word* s) const;

  const LgrModel& model_;
  GuestSymmetry sym_;
  int fields_ = 0;  // used entries of a Record
};

}  // namespace lgr
