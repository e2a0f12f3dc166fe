#!/usr/bin/env python3
"""Throughput of lgrcheck per configuration and thread count.

Runs `lgrcheck check CONFIG --threads N --json -` for N = 1 .. the cores
present (or --threads), keeps the fastest of --repeat runs, and prints a
Markdown table: distinct states/s, transitions/s, bytes per state (the
engine's store + frontier at the peak, and the process's peak resident
memory), and the speedup over one thread. Not a test: it takes minutes.

Examples:
  bench/run_bench.py                               # every example, exact
  bench/run_bench.py --hash-compaction examples/ssi4-seed.json
  bench/run_bench.py --threads 1,2 --repeat 5 examples/scaling.json
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CONFIGS = ["examples/ssi2-basic.json", "examples/ssi3-contention.json",
                   "examples/ssi4-seed.json", "examples/scaling.json"]


def machine_description():
    lines = [f"date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}"]
    try:
        lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=True).stdout
        for line in lscpu.splitlines():
            key = line.split(":")[0].strip()
            if key in ("Model name", "CPU(s)", "Thread(s) per core", "Core(s) per socket", "L2 cache",
                       "L3 cache", "Hypervisor vendor"):
                lines.append(" ".join(line.split()))
    except (OSError, subprocess.CalledProcessError):
        lines.append(f"cpu: {platform.processor() or 'unknown'}, {os.cpu_count()} logical cores")
    with open("/proc/loadavg") as f:
        lines.append("load average before: " + " ".join(f.read().split()[:3]))
    return lines


def run_once(binary, config, threads, extra):
    cmd = [binary, "check", config, "--threads", str(threads), "-q", "--json", "-"] + extra
    start = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.monotonic() - start
    if done.returncode not in (0, 1):
        sys.exit(f"bench: {' '.join(cmd)} exited {done.returncode}: {done.stderr.strip()}")
    report = json.loads(done.stdout)
    report["wall"] = wall
    return report


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("configs", nargs="*", help="configurations (default: every example)")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "lgrcheck"))
    ap.add_argument("--threads", help="comma-separated thread counts (default: 1 .. cores present)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per cell; the fastest counts (default 3)")
    ap.add_argument("--hash-compaction", action="store_true", help="also pass --hash-compaction")
    ap.add_argument("--strategy", choices=["bfs", "dfs"], default="bfs")
    args = ap.parse_args()

    configs = args.configs or [os.path.join(ROOT, c) for c in DEFAULT_CONFIGS]
    threads = [int(t) for t in args.threads.split(",")] if args.threads else list(range(1, os.cpu_count() + 1))
    extra = ["--strategy", args.strategy] + (["--hash-compaction"] if args.hash_compaction else [])

    for line in machine_description():
        print(f"    {line}")
    print(f"    mode: {'hash compaction' if args.hash_compaction else 'exact'}, {args.strategy}, "
          f"best of {args.repeat}")
    print()
    print("| configuration | threads | states | transitions | seconds | states/s | transitions/s "
          "| bytes/state (store) | bytes/state (peak RSS) | speedup |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for config in configs:
        base = None
        counts = None
        for n in threads:
            best = min((run_once(args.binary, config, n, extra) for _ in range(args.repeat)),
                       key=lambda r: r["seconds"])
            if counts is None:
                counts = (best["states"], best["transitions"])
            elif counts != (best["states"], best["transitions"]):
                sys.exit(f"bench: {config}: counts differ between thread counts: {counts} and "
                         f"{(best['states'], best['transitions'])}")
            secs = max(best["seconds"], 1e-9)
            base = base or secs
            states = best["states"]
            print(f"| {os.path.basename(config)} | {n} | {states:,} | {best['transitions']:,} | {secs:.2f} "
                  f"| {states / secs:,.0f} | {best['transitions'] / secs:,.0f} "
                  f"| {best['peak_bytes'] / states:.1f} | {best['peak_resident_bytes'] / states:.1f} "
                  f"| {base / secs:.2f} |", flush=True)


if __name__ == "__main__":
    main()
