#!/usr/bin/env python3
"""The storage strategies side by side (--store table, tree, hash-compaction).

For each configuration and thread count, runs every store in turn, round
after round (table, tree, hash-compaction, table, tree, ...), so that all
of them meet the same load on a shared machine, keeps the fastest run of
each, checks that the counts agree, and prints a Markdown table: states/s,
the ratio to the table store, and bytes per state (the engine's own peak
and the process's peak resident memory). Then bitstate at several array
sizes (at the last thread count): states found against the exact count,
and the estimate it printed.
A store may carry modifiers: "tree+spill" adds --spill (a temporary
folder), "hash-compaction+96" adds --fingerprint-bits 96.
Not a test: it takes minutes.

Examples:
  bench/run_stores.py examples/ssi4-seed.json examples/scaling.json
  bench/run_stores.py --threads 1 --repeat 2 --bitstate 1M,8M,64M examples/ssi4-seed.json
  bench/run_stores.py --stores table,tree+spill,hash-compaction+96+spill --bitstate "" examples/scaling.json
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXACT_STORES = ["table", "tree", "tree+spill", "hash-compaction", "hash-compaction+96"]


def machine():
    lines = [f"date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}"]
    with open("/proc/cpuinfo") as f:
        names = [l.split(":", 1)[1].strip() for l in f if l.startswith("model name")]
    lines.append(f"cpu: {names[0] if names else 'unknown'} x {len(names)}")
    with open("/proc/meminfo") as f:
        lines.append(f.readline().strip())
    with open("/proc/loadavg") as f:
        lines.append("load average before: " + " ".join(f.read().split()[:3]))
    return lines


def run(binary, config, threads, extra):
    cmd = [binary, "check", config, "--threads", str(threads), "-q", "--no-traces", "--json", "-"] + extra
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode not in (0, 1, 3):
        sys.exit(f"bench: {' '.join(cmd)} exited {done.returncode}: {done.stderr.strip()}")
    return json.loads(done.stdout)


def store_options(entry, spill_dir):
    """--store NAME and the options its modifiers stand for."""
    name, *mods = entry.split("+")
    extra = ["--store", name]
    for m in mods:
        if m == "spill":
            extra += ["--spill", spill_dir]
        elif m == "96":
            extra += ["--fingerprint-bits", "96"]
        else:
            sys.exit(f"bench: unknown store modifier '+{m}' in '{entry}' (spill, 96)")
    return extra


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("configs", nargs="+")
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "lgrcheck"))
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the fastest run of each store counts")
    ap.add_argument("--stores", default=",".join(EXACT_STORES), help="exact stores to compare ('' for none)")
    ap.add_argument("--bitstate", default="1M,4M,16M,64M", help="bit array sizes in bytes ('' for none)")
    args = ap.parse_args()

    for line in machine():
        print(f"    {line}")
    print()
    print("| configuration | threads | store | states | seconds | states/s | vs the first | bytes/state (engine) "
          "| bytes/state (peak RSS) |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    stores = [s for s in args.stores.split(",") if s]
    for config in args.configs if stores else []:
        for n in [int(t) for t in args.threads.split(",")]:
            best = {}
            for _ in range(args.repeat):
                for store in stores:
                    with tempfile.TemporaryDirectory(prefix="lgrcheck-spill-") as spill:
                        r = run(args.binary, config, n, store_options(store, spill))
                    if store not in best or r["seconds"] < best[store]["seconds"]:
                        best[store] = r
            counts = {(r["states"], r["transitions"]) for r in best.values()}
            if len(counts) != 1:
                sys.exit(f"bench: {config}: the stores' counts differ: {counts}")
            base = best[stores[0]]["states"] / best[stores[0]]["seconds"]
            for store in stores:
                r = best[store]
                rate = r["states"] / r["seconds"]
                print(f"| {os.path.basename(config)} | {n} | {store} | {r['states']:,} | {r['seconds']:.2f} "
                      f"| {rate:,.0f} | {rate / base:.2f} | {r['peak_bytes'] / r['states']:.1f} "
                      f"| {r['peak_resident_bytes'] / r['states']:.1f} |", flush=True)
    if not args.bitstate:
        return
    print()
    print("| configuration | bit array | states found | exact | found/exact | fill | expected lost (estimate) "
          "| actually lost | P(any lost) | seconds |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for config in args.configs:
        n = int(args.threads.split(",")[-1])
        exact = run(args.binary, config, n, ["--store", "table"])["states"]
        for size in args.bitstate.split(","):
            r = run(args.binary, config, n, ["--bitstate", size])
            b = r["bitstate"]
            print(f"| {os.path.basename(config)} | {size} | {r['states']:,} | {exact:,} | {r['states'] / exact:.4f} "
                  f"| {b['fill']:.4f} | {b['expected_missed']:,.1f} | {exact - r['states']:,} "
                  f"| {b['omission_probability']:.3g} | {r['seconds']:.2f} |", flush=True)


if __name__ == "__main__":
    main()
