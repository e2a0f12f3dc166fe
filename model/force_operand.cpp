#include "model/force_operand.hpp"

#include "model/name_lookup.hpp"

namespace lgr {

const std::vector<std::string>& force_operand_names() {
  static const std::vector<std::string> kNames = {"storage", "domain", "architecture"};
  return kNames;
}

std::optional<ForceOperand> parse_force_operand(const std::string& text) {
  const std::string v = lowercase(text);
  const auto& names = force_operand_names();
  for (std::size_t i = 0; i < names.size(); ++i)
    if (v == names[i]) return static_cast<ForceOperand>(i);
  return std::nullopt;
}

void apply_force(Request& q, ForceOperand f) {
  switch (f) {
    case ForceOperand::Storage: q.force_storage = true; break;
    case ForceOperand::Domain: q.force_domain = true; break;
    case ForceOperand::Architecture: q.force_architecture = true; break;
  }
}

}  // namespace lgr
