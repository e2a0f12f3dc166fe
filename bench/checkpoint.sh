#!/usr/bin/env bash
# Checkpoint overhead: the same run without and with a checkpoint at every
# level boundary (the worst case), alternated RUNS times so load drifts hit
# both alike. scaling.json takes minutes in full, so the run stops at
# MAX_STATES (a limit checked per chunk: both runs stop at the same level).
# Prints wall seconds, their ratio, and the last checkpoint's size per state.
# Usage: bench/checkpoint.sh [CONFIG] [RUNS] [THREADS] [MAX_STATES]
set -euo pipefail
cd "$(dirname "$0")/.."
config=${1:-examples/scaling.json}
runs=${2:-3}
threads=${3:-2}
max_states=${4:-1000000}
bin=build/lgrcheck
[ -x "$bin" ] || { echo "build first: cmake -S . -B build && cmake --build build -j2" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

wall() {  # wall seconds of one run
  /usr/bin/time -f "%e" -o "$tmp/time" "$bin" check "$config" --threads "$threads" -q --no-traces \
    --max-states "$max_states" --json "$tmp/last.json" "$@" > /dev/null 2>&1 || true
  tail -n 1 "$tmp/time"
}

echo "config $config, $runs runs each, $threads thread(s), max states $max_states, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf "%-4s %10s %10s %8s %12s %14s\n" run plain_s ckpt_s ratio checkpoints bytes_per_state
ratios=()
for i in $(seq 1 "$runs"); do
  p=$(wall)
  rm -rf "$tmp/ckpt"
  c=$(wall --checkpoint "$tmp/ckpt")
  read -r written bps < <(python3 -c "
import json; c = json.load(open('$tmp/last.json'))['checkpoint']
print(c['written'], '%.1f' % (c['last']['bytes'] / c['last']['states']))")
  r=$(awk -v a="$c" -v b="$p" 'BEGIN { printf "%.3f", a / b }')
  ratios+=("$r")
  printf "%-4s %10s %10s %8s %12s %14s\n" "$i" "$p" "$c" "$r" "$written" "$bps"
done
printf "median ratio %s\n" "$(printf "%s\n" "${ratios[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
