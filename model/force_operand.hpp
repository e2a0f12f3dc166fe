// The FORCE operands of VMRELOCATE: one list, read case-insensitively, for
// a configuration's "force" and for `lgrcheck test --force`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/config.hpp"

namespace lgr {

enum class ForceOperand { Storage, Domain, Architecture };

// "storage", "domain", "architecture": the spelling configurations use.
const std::vector<std::string>& force_operand_names();
// The operand `text` names in any case, or nullopt.
std::optional<ForceOperand> parse_force_operand(const std::string& text);
// Sets the request's flag for `f`.
void apply_force(Request& q, ForceOperand f);

}  // namespace lgr
