#include "cli/replayed_trace.hpp"

#include <iostream>

#include "checker/exit_codes.hpp"
#include "model/config.hpp"

namespace lgr {

int with_replayed_trace(const TraceSource& source,
                        const std::function<int(const ReplayInput&, const ReplayResult&)>& use) {
  try {
    const ReplayInput in = load_replay_input(source.trace, source.config, source.variants);
    return use(in, replay(in.model, in.trace));
  } catch (const TraceError& e) {
    std::cerr << "lgrcheck: error: " << e.what() << "\n";
  } catch (const ConfigError& e) {
    std::cerr << "lgrcheck: error: " << e.what() << "\n";
  }
  return exit_status::kBadInput;
}

}  // namespace lgr
