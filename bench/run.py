#!/usr/bin/env python3
"""Race `calibrate portfolio` against the Python reference, and time start-up.

Usage: python3 bench/run.py [--sizes 1000,10000,100000] [--runs 3]

Builds the release binary, generates deterministic portfolios with
gen_portfolio.py, runs `calibrate portfolio --format json` and
reference_portfolio.py (PyYAML's C loader) on each, checks that every
initiative gets the same playbook from both, and prints a Markdown table of
median wall time over repeated runs, peak memory (from /usr/bin/time -v) and
the ratio. Then it times `calibrate diagnose ... --format json` against
`/bin/true` launched the same way.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BINARY = os.path.join(ROOT, "target", "release", "calibrate")


def run_timed(cmd, out_path):
    """Wall seconds and peak resident kilobytes of one run."""
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-v", *cmd], stdout=out, stderr=subprocess.PIPE, check=False)
        wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{cmd[0]} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    peak = int(re.search(rb"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return wall, peak


def measure(cmd, out_path, runs):
    results = [run_timed(cmd, out_path) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def playbooks(path):
    with open(path, encoding="utf-8") as f:
        return [(i["initiative"], i["playbook"]) for i in json.load(f)["initiatives"]]


def startup(runs):
    """Median wall time of a single diagnose against /bin/true, both spawned the same way."""
    diagnose = [BINARY, "diagnose", "--horizon", "6m", "--facts", "7", "--assumptions", "3", "--format", "json"]

    def median_of(cmd):
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    for _ in range(20):  # warm the page cache for both
        subprocess.run(diagnose, stdout=subprocess.DEVNULL, check=True)
        subprocess.run(["/bin/true"], check=True)
    return median_of(diagnose), median_of(["/bin/true"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    rows, times = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(s) for s in args.sizes.split(",")]:
            data = os.path.join(tmp, f"portfolio-{n}.yaml")
            with open(data, "w", encoding="utf-8") as f:
                subprocess.run([sys.executable, os.path.join(HERE, "gen_portfolio.py"), str(n)], stdout=f, check=True)
            size_mb = os.path.getsize(data) / 1e6
            ours_out, ref_out = os.path.join(tmp, "ours.json"), os.path.join(tmp, "ref.json")
            ours = measure([BINARY, "portfolio", data, "--format", "json"], ours_out, args.runs)
            ref = measure([sys.executable, os.path.join(HERE, "reference_portfolio.py"), data], ref_out, args.runs)
            ours_books, ref_books = playbooks(ours_out), playbooks(ref_out)
            if ours_books != ref_books:
                differ = sum(a != b for a, b in zip(ours_books, ref_books))
                sys.exit(f"{n}: playbooks differ for {differ} initiatives (or the counts differ)")
            times[n] = ours[0]
            rows.append(
                f"| {n:,} | {size_mb:.1f} MB | {ours[0]:.3f} s | {ours[1] / 1024:.1f} MB | {ref[0]:.3f} s | "
                f"{ref[1] / 1024:.1f} MB | {ref[0] / ours[0]:.1f}x | all {n:,} agree |"
            )
    print("| initiatives | file | calibrate | calibrate peak | reference | reference peak | faster | playbooks |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    sizes = sorted(times)
    for small, large in zip(sizes, sizes[1:]):
        print(f"\nTime from {small:,} to {large:,} initiatives grows {times[large] / times[small]:.1f}x "
              f"for {large // small}x the initiatives.")
    single, floor = startup(200)
    print(f"\nStart-up: `calibrate diagnose ... --format json` {single * 1000:.2f} ms, "
          f"`/bin/true` {floor * 1000:.2f} ms ({single / floor:.1f}x), median of 200 runs each.")


if __name__ == "__main__":
    main()
