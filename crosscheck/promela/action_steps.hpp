// One guarded d_step per action instance: the guard and the statements of
// each action kind, one function per kind, mirroring the blocks of the
// successor function (model/successors.hpp) in its order and its words.
#pragma once

#include <string>
#include <vector>

#include "crosscheck/promela/export_context.hpp"

namespace lgr::promela {

struct Step {
  std::string guard;
  std::vector<std::string> body;  // statements, joined with ";"
};

// The step of any action instance (a switch over its kind).
Step action_step(const ExportContext& c, const ActionInstance& a);

// Operators and guests (operator_steps.cpp).
Step move(const ExportContext& c, const ActionInstance& a);                // 1
Step cancel_at_src(const ExportContext& c, const ActionInstance& a);       // 2, 3 (Cphx: sync requests only)
Step cancel_at_dst(const ExportContext& c, const ActionInstance& a);       // 4
Step guest_writes(const ExportContext& c, const ActionInstance& a);        // 5
Step eligibility_changes(const ExportContext& c, const ActionInstance& a); // 6, 7
// The CPs' protocol (protocol_steps.cpp).
Step src_receive(const ExportContext& c, const ActionInstance& a);          // 8
Step src_next_pass(const ExportContext& c, const ActionInstance& a);        // 9
Step src_quiesce(const ExportContext& c, const ActionInstance& a);          // 10
Step src_final_check(const ExportContext& c, const ActionInstance& a);      // 11
Step src_detect_peer_down(const ExportContext& c, const ActionInstance& a); // 12
Step dst_receive(const ExportContext& c, const ActionInstance& a);          // 13
Step dst_detect_peer_down(const ExportContext& c, const ActionInstance& a); // 14
// Faults and time (fault_steps.cpp).
Step member_fails(const ExportContext& c, const ActionInstance& a);  // 15
Step link_fails(const ExportContext& c, const ActionInstance& a);    // 16
Step tick(const ExportContext& c, const ActionInstance& a);          // 17

// `src = SRC(g); dst = DST_g`: the scratch the helpers read.
std::string episode_vars(const GuestText& t);

}  // namespace lgr::promela
