#!/usr/bin/env bash
# The distributed search side by side, in one session on this machine: one
# process with 2 threads; 2 ranks x 1 thread over shared memory (Open MPI's
# default, the vader BTL); 2 ranks x 1 thread over TCP on the loopback
# (--mca btl tcp,self). Prints one Markdown row per run with states/s,
# bytes sent per state sent, per transition and per state found, and the
# time spent in exchanges. Usage: bench/mpi.sh [CONFIG...] (default: ssi4-seed
# and scaling). Results: bench/RESULTS-mpi.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=build/lgrcheck
configs=("$@")
[ ${#configs[@]} -gt 0 ] || configs=(examples/ssi4-seed.json examples/scaling.json)
root=()
[ "$(id -u)" -ne 0 ] || root=(--allow-run-as-root)
out=$(mktemp -d)
row() {  # name, json
  python3 - "$1" "$2" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
j = json.load(open(path))
d = j.get("distributed")
cells = [name, f"{j['states']:,}", f"{j['seconds']:.2f}", f"{j['states_per_second']:,.0f}"]
if d:
    lv = d["level_exchange_seconds"]
    cells += [f"{d['bytes_per_state_sent']:.1f}", f"{d['bytes_per_transition']:.1f}", f"{d['bytes_per_new_state']:.1f}",
              f"{d['exchange_seconds']:.2f} ({max(lv):.3f} worst level)", str(d["rounds"])]
else:
    cells += ["-", "-", "-", "-", "-"]
print("| " + " | ".join(cells) + " |")
PY
}
echo "| config / run | states | s | states/s | bytes per state sent | bytes per transition | bytes per state found | exchange s (rank 0) | rounds |"
echo "|---|---|---|---|---|---|---|---|---|"
for c in "${configs[@]}"; do
  n=$(basename "$c" .json)
  $bin check "$c" --threads 2 -q --json "$out/a.json" >/dev/null || true
  row "$n: 1 process x 2 threads" "$out/a.json"
  # --bind-to none: Open MPI binds a rank to one core, where its 2 threads would share it
  mpirun "${root[@]}" -np 1 --bind-to none $bin check "$c" --distributed --threads 2 -q --json "$out/b.json" >/dev/null || true
  row "$n: 1 rank x 2 threads" "$out/b.json"
  mpirun "${root[@]}" -np 2 $bin check "$c" --distributed --threads 1 -q --json "$out/c.json" >/dev/null || true
  row "$n: 2 ranks x 1 thread, shared memory" "$out/c.json"
  mpirun "${root[@]}" -np 2 --mca btl tcp,self $bin check "$c" --distributed --threads 1 -q --json "$out/d.json" >/dev/null || true
  row "$n: 2 ranks x 1 thread, TCP loopback" "$out/d.json"
done
rm -rf "$out"
