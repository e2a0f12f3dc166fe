#!/usr/bin/env bash
# Liveness cost against the safety-only run of the same configuration:
# alternates the two runs RUNS times (so load drifts hit both alike) and
# prints each run's wall time, the liveness pass's own times, and the
# median ratio. Usage: bench/liveness.sh [CONFIG] [RUNS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-examples/ssi4-seed.json}
runs=${2:-5}
threads=${3:-1}
bin=build/lgrcheck
[ -x "$bin" ] || { echo "build first: cmake -S . -B build && cmake --build build -j2" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

measure() {  # "wall cpu" seconds of one run (cpu = user + sys); its JSON goes to $tmp/last.json
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$bin" check "$config" --threads "$threads" -q \
    --json "$tmp/last.json" "$@" > /dev/null || true
  read -r w u s < "$tmp/time"
  echo "$w $(awk -v a="$u" -v b="$s" 'BEGIN { print a + b }')"
}

echo "config $config, $runs runs each, $threads thread(s), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wall and cpu (user+sys) seconds of the whole command; pass_*: the liveness pass's own wall times"
printf "%-4s %10s %10s %10s %10s %10s %10s %11s %11s\n" run safety_wall live_wall ratio safety_cpu live_cpu ratio pass_graph pass_search
walls=() cpus=()
for i in $(seq 1 "$runs"); do
  read -r sw sc < <(measure)
  read -r lw lc < <(measure --liveness)
  read -r pass graph < <(python3 -c "import json;j=json.load(open('$tmp/last.json'))['liveness'];print(j['seconds'],j['graph_seconds'])")
  rw=$(awk -v a="$lw" -v b="$sw" 'BEGIN { print (b > 0 ? a / b : 0) }')
  rc=$(awk -v a="$lc" -v b="$sc" 'BEGIN { print (b > 0 ? a / b : 0) }')
  walls+=("$rw")
  cpus+=("$rc")
  printf "%-4s %10.2f %10.2f %10.2f %10.2f %10.2f %10.2f %11.2f %11.2f\n" "$i" "$sw" "$lw" "$rw" "$sc" "$lc" "$rc" \
    "$graph" "$(awk -v a="$pass" -v b="$graph" 'BEGIN { print a - b }')"
done
python3 - "${walls[*]}" "${cpus[*]}" <<'PY'
import statistics, sys
for name, arg in (("wall", sys.argv[1]), ("cpu", sys.argv[2])):
    r = sorted(float(x) for x in arg.split())
    print(f"{name} ratio: median {statistics.median(r):.2f} (min {r[0]:.2f}, max {r[-1]:.2f})")
PY
python3 -c "import json;j=json.load(open('$tmp/last.json'));print('states',j['states'],'transitions',j['transitions'],'edges',j['liveness']['edges'],'liveness bytes',j['liveness']['graph_bytes'],'peak store bytes',j['peak_bytes'])"
