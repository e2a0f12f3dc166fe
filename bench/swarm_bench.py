#!/usr/bin/env python3
"""Time to the first violation: `check --swarm` next to `simulate` and BFS.

For every variant and configuration, runs in one session, one after the
other, on one thread each:
  check CONFIG --variant V --stop-at-first                  (breadth-first, shortest traces)
  simulate CONFIG --variant V --weight WEIGHTS              (bench/simulation_bench.py's weighted walks)
  check CONFIG --variant V --swarm N --max-memory M --seed S (N diversified bitstate DFS jobs)
and prints a Markdown table: seconds to the verdict, the violated property,
and trace lengths (check: the shortest; simulate: walk / within seen /
shortened; swarm: the reporting job, depth-first / shortened). Not a test:
it takes a few minutes.

Examples:
  bench/swarm_bench.py
  bench/swarm_bench.py --configs examples/ssi4-seed.json --jobs 16 --limit 20
"""

import argparse
import datetime
import os
import platform
import tempfile

import simulation_bench as sb


def swarm_cell(config, variant, args, trace_dir):
    rc, j = sb.run_json(["check", config, "--variant", variant] + args, trace_dir)
    if "violation" not in j:
        done = sum(1 for job in j["jobs"] if job["result"] == "no violation")
        return f"{j['seconds']:.2f} s", f"{j['verdict']} ({done} of {j['swarm']['jobs']} jobs finished)", "-"
    v = j["violation"]
    return (f"{j['seconds']:.2f} s", f"{v['property']} (job {v['job']})",
            f"{v['trace_length']} / {v['shortened_length']}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--configs", nargs="+", default=["examples/ssi4-seed.json", "examples/scaling.json"])
    ap.add_argument("--variants", nargs="+", default=sb.VARIANTS)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--jobs", default="8", help="--swarm N")
    ap.add_argument("--memory", default="512M", help="--max-memory of the swarm (all jobs together)")
    ap.add_argument("--runs", default="1000000")
    ap.add_argument("--depth", default="200")
    ap.add_argument("--limit", type=float, default=10, help="seconds each command may run")
    ap.add_argument("--lgrcheck", default=sb.LGRCHECK, help="the binary (a copy keeps a rebuild from breaking a run)")
    a = ap.parse_args()
    sb.set_binary(a.lgrcheck)
    limit = ["--time-limit", str(a.limit)]
    sim = ["--runs", a.runs, "--depth", a.depth, "--seed", a.seed, "--weight", sb.WEIGHTS] + limit
    swarm = ["--swarm", a.jobs, "--max-memory", a.memory, "--seed", a.seed, "--threads", "1"] + limit
    print(f"<!-- {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, {platform.node()}, "
          f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; simulate {' '.join(sim)}; "
          f"check {' '.join(swarm)} -->")
    print("| config | variant | check --stop-at-first | violated, shortest | simulate (weighted) | found | "
          "walk / within seen / shortened | check --swarm | found | depth-first / shortened |")
    print("|---|---|---:|---|---:|---|---|---:|---|---|")

    with tempfile.TemporaryDirectory() as tmp:
        for config in a.configs:
            for variant in a.variants:
                path = os.path.join(sb.ROOT, config)
                c = sb.check_cell(path, variant, a.limit, tmp)
                w = sb.simulate_cell(path, variant, sim, tmp)
                s = swarm_cell(path, variant, swarm, tmp)
                print(f"| {os.path.basename(config)} | {variant} | {c[0]} | {c[1]}, {c[2]} | {w[0]} | {w[1]} | "
                      f"{w[2]} | {s[0]} | {s[1]} | {s[2]} |", flush=True)


if __name__ == "__main__":
    main()
