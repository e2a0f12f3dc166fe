#!/usr/bin/env python3
"""Time to the first violation: `simulate` against exhaustive `check`.

For every variant and configuration, runs in one session, one after the
other, on one thread each:
  check CONFIG --variant V --stop-at-first          (breadth-first, shortest traces)
  simulate CONFIG --variant V                       (uniform choice)
  simulate CONFIG --variant V --weight WEIGHTS      (faults and cancels rarer)
and prints a Markdown table: seconds to the verdict, the violated property,
and trace lengths (check: the shortest; simulate: the walk as found, the
shortest within the states seen, and the shortened one). Not a test: it
takes minutes.

Examples:
  bench/simulation_bench.py
  bench/simulation_bench.py --configs examples/ssi4-seed.json --seed 7
"""

import argparse
import datetime
import json
import os
import platform
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VARIANTS = ["early-resume", "dst-cancel-discards", "no-final-check", "no-dirty-resend", "ignore-maxquiesce",
            "no-reservation", "no-pdr-arbitration", "src-ignores-dst-failure"]
WEIGHTS = "MemberFails=0.02,LinkFails=0.02,CancelAtSrc=0.1,CancelAtDst=0.1,Cphx=0.1,GuestBecomesIneligible=0.1"


LGRCHECK = os.path.join(ROOT, "build", "lgrcheck")


def set_binary(path):
    global LGRCHECK
    LGRCHECK = path


def run_json(args, trace_dir):
    cmd = [LGRCHECK] + args + ["--json", "-", "-q", "--trace-dir", trace_dir]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1, 3):
        raise SystemExit(f"{' '.join(cmd)}: exit {p.returncode}: {p.stderr}")
    return p.returncode, json.loads(p.stdout)


def check_cell(config, variant, limit, trace_dir):
    rc, j = run_json(["check", config, "--variant", variant, "--stop-at-first", "--time-limit", str(limit)],
                     trace_dir)
    bad = {k: v for k, v in j["properties"].items() if not v.get("holds", True)}
    if not bad:
        verdict = "incomplete" if rc == 3 else "no violation"
        return f"{j['seconds']:.2f} s", verdict, "-", j["states"]
    name, p = sorted(bad.items(), key=lambda kv: kv[1]["trace_length"])[0]
    return f"{j['seconds']:.2f} s", name, str(p["trace_length"]), j["states"]


def simulate_cell(config, variant, args, trace_dir):
    rc, j = run_json(["simulate", config, "--variant", variant] + args, trace_dir)
    if "violation" not in j:
        verdict = "incomplete" if rc == 3 else "none found"
        return (f"{j['seconds']:.2f} s", f"{verdict} ({j['runs']} runs)", "-")
    v = j["violation"]
    within = v["shortest_within_seen"]
    lengths = f"{v['walk_steps']} / {within if within is not None else '-'} / {v['shortened_steps']}"
    return (f"{j['seconds']:.2f} s", f"{v['property']} (run {v['run']})", lengths)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--configs", nargs="+", default=["examples/ssi4-seed.json", "examples/scaling.json"])
    ap.add_argument("--variants", nargs="+", default=VARIANTS)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--runs", default="1000000")
    ap.add_argument("--depth", default="200")
    ap.add_argument("--limit", type=float, default=60, help="seconds each command may run")
    ap.add_argument("--lgrcheck", default=LGRCHECK, help="the binary (a copy keeps a rebuild from breaking a run)")
    a = ap.parse_args()
    set_binary(a.lgrcheck)
    sim = ["--runs", a.runs, "--depth", a.depth, "--seed", a.seed, "--time-limit", str(a.limit)]
    print(f"<!-- {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
          f"{os.cpu_count()} cores, simulate {' '.join(sim)} -->")
    print("| config | variant | check --stop-at-first | violated, shortest | simulate (uniform) | found | "
          "walk / within seen / shortened | simulate (weighted) | found | walk / within seen / shortened |")
    print("|---|---|---:|---|---:|---|---|---:|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for config in a.configs:
            for variant in a.variants:
                c = check_cell(os.path.join(ROOT, config), variant, a.limit, tmp)
                u = simulate_cell(os.path.join(ROOT, config), variant, sim, tmp)
                w = simulate_cell(os.path.join(ROOT, config), variant, sim + ["--weight", WEIGHTS], tmp)
                print(f"| {os.path.basename(config)} | {variant} | {c[0]} | {c[1]}, {c[2]} | {u[0]} | {u[1]} | "
                      f"{u[2]} | {w[0]} | {w[1]} | {w[2]} |", flush=True)


if __name__ == "__main__":
    main()
