#include "cli/check_args.hpp"

#include <algorithm>
#include <filesystem>
#include <thread>

namespace lgr {

int default_threads() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

nlohmann::json command_json(const CheckArgs& a) {
  namespace fs = std::filesystem;
  return {{"config", a.config}, {"config_absolute", fs::absolute(a.config).string()},
          {"variants", a.variants}, {"properties", a.properties}, {"json", a.json},
          {"stop_at_first", a.stop_at_first}, {"liveness", a.liveness}, {"coverage", a.coverage},
          {"strict", a.strict}, {"max_states", a.max_states}, {"max_memory", a.max_memory},
          {"time_limit", a.time_limit}, {"quiet", a.quiet}, {"trace_dir", a.trace_dir},
          {"no_traces", a.no_traces}, {"no_print_traces", a.no_print_traces}, {"strategy", a.strategy},
          {"store", a.store}, {"hash_compaction", a.hash_compaction}, {"bitstate", a.bitstate},
          {"bitstate_hashes", a.bitstate_hashes},
          {"fingerprint_bits", a.fingerprint_bits}, {"checkpoint_every", a.checkpoint_every},
          {"symmetry", a.symmetry}};
}

CheckArgs command_args(const nlohmann::json& j) {
  namespace fs = std::filesystem;
  CheckArgs a;
  a.config = j.at("config").get<std::string>();
  std::error_code ec;
  if (!fs::exists(a.config, ec)) a.config = j.at("config_absolute").get<std::string>();  // resumed elsewhere
  j.at("variants").get_to(a.variants);
  j.at("properties").get_to(a.properties);
  j.at("json").get_to(a.json);
  j.at("stop_at_first").get_to(a.stop_at_first);
  j.at("liveness").get_to(a.liveness);
  j.at("coverage").get_to(a.coverage);
  j.at("strict").get_to(a.strict);
  j.at("max_states").get_to(a.max_states);
  j.at("max_memory").get_to(a.max_memory);
  j.at("time_limit").get_to(a.time_limit);
  j.at("quiet").get_to(a.quiet);
  j.at("trace_dir").get_to(a.trace_dir);
  j.at("no_traces").get_to(a.no_traces);
  j.at("no_print_traces").get_to(a.no_print_traces);
  j.at("strategy").get_to(a.strategy);
  j.at("store").get_to(a.store);
  j.at("hash_compaction").get_to(a.hash_compaction);
  j.at("bitstate").get_to(a.bitstate);
  j.at("bitstate_hashes").get_to(a.bitstate_hashes);
  a.fingerprint_bits = j.value("fingerprint_bits", 64);  // absent in checkpoints written before it
  j.at("checkpoint_every").get_to(a.checkpoint_every);
  j.at("symmetry").get_to(a.symmetry);
  return a;
}

}  // namespace lgr
