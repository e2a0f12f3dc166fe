#!/bin/bash
# Two lgrcheck binaries side by side on 2 ranks x 1 thread (shared memory
# and TCP loopback), ssi4-seed and scaling.json: one line per run with the
# states/s and what crossed the network (bench/RESULTS-mpi.md).
# Usage: bench/mpi-ab.sh BEFORE_BINARY AFTER_BINARY
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 BEFORE_BINARY AFTER_BINARY" >&2; exit 2; }
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
date -u +%FT%T; uptime
echo "config binary btl states seconds states/s records_sent per_state_found bytes_per_record bytes_per_transition bytes_per_state_found exchange_s rounds"
for cfg in ssi4-seed scaling; do
  for bin in "$1" "$2"; do
    for btl in vader tcp; do
      timeout 300 mpirun --oversubscribe --bind-to none --mca btl "$btl,self" -np 2 "$bin" check "examples/$cfg.json" \
        --distributed --threads 1 --no-traces --json "$out/r.json" > "$out/r.out" 2>&1
      python3 - "$cfg" "$bin" "$btl" "$out/r.json" <<'PY'
import json, sys
cfg, binary, btl, path = sys.argv[1:]
j = json.load(open(path)); d = j["distributed"]
print(cfg, binary, btl, j["states"], round(j["seconds"], 2), int(j["states_per_second"]), d["states_sent"],
      round(d["states_sent"] / j["states"], 2), round(d["bytes_per_state_sent"], 1), round(d["bytes_per_transition"], 1),
      round(d["bytes_per_new_state"], 1), round(d["exchange_seconds"], 2), d["rounds"])
PY
    done
  done
done
