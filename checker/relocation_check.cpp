// VMRELOCATE TEST: static reasons and storage checks in the initial state.
#include "checker/relocation_check.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "model/config.hpp"
#include "model/eligibility.hpp"
#include "model/force_operand.hpp"
#include "model/name_lookup.hpp"

namespace lgr {
namespace {

// A bad command line; run_test_command turns it into exit status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The FORCE operands given, as the flags of a request (model/force_operand.hpp).
Request parse_forces(const std::vector<std::string>& args) {
  Request forces;
  for (const std::string& arg : args) {
    std::istringstream values(arg);
    std::string value;
    while (std::getline(values, value, ',')) {
      const std::optional<ForceOperand> f = parse_force_operand(value);
      if (!f)
        throw UsageError(fmt::format(
            "unknown FORCE value '{}'; expected storage, domain or architecture", value));
      apply_force(forces, *f);
    }
  }
  return forces;
}

// In the initial state every guest runs on its home and nothing else is
// reserved, so used(d) is the memory of the guests homed on d.
int64_t initial_used(const Config& cfg, int d) {
  int64_t used = 0;
  for (const Guest& g : cfg.guests)
    if (g.home == d) used += g.memory;
  return used;
}

int report(const Config& cfg, int g, int d, const Request& forces, std::ostream& out) {
  const std::string& guest = cfg.guests[g].name;
  const std::string& dest = cfg.members[d].name;
  if (cfg.guests[g].home == d) {
    out << fmt::format("User {} is already on member {}; VMRELOCATE needs another destination\n",
                       guest, dest);
    return 1;
  }
  int64_t used = initial_used(cfg, d);
  std::vector<Reason> reasons = static_reasons(cfg, g, d, forces.force_domain, forces.force_architecture);
  for (Reason r : storage_reasons(cfg, g, d, used, forces.force_storage)) reasons.push_back(r);
  if (reasons.empty()) {
    out << fmt::format("User {} is eligible for relocation to {}\n", guest, dest);
    return 0;
  }
  for (Reason r : reasons)
    out << reason_code(r) << ": " << reason_message(cfg, g, d, r, used) << '\n';
  return 1;
}

}  // namespace

int run_test_command(const std::string& config_path, const std::string& guest,
                     const std::string& dest, const std::vector<std::string>& force,
                     std::ostream& out, std::ostream& err) {
  try {
    const Request forces = parse_forces(force);
    Config cfg = load_config(config_path);
    int g = cfg.guest_index(guest);
    if (g < 0)
      throw UsageError(fmt::format("unknown guest '{}' in {} (known: {})", guest, config_path,
                                   known_names(cfg.guests)));
    int d = cfg.member_index(dest);
    if (d < 0)
      throw UsageError(fmt::format("unknown member '{}' in {} (known: {})", dest, config_path,
                                   known_names(cfg.members)));
    return report(cfg, g, d, forces, out);
  } catch (const std::runtime_error& e) {  // UsageError or ConfigError
    err << "lgrcheck: error: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace lgr
