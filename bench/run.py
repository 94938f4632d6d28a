#!/usr/bin/env python3
"""Race `calibrate portfolio` against the Python reference, and time start-up.

Usage: python3 bench/run.py [--sizes 1000,10000,100000] [--folders 2000,20000] [--runs 3]
                            [--binary PATH]

Builds the release binary, generates deterministic portfolios with
gen_portfolio.py, runs `calibrate portfolio --format json` and
reference_portfolio.py (PyYAML's C loader) on each, checks that every
initiative gets the same playbook from both, and prints a Markdown table of
median wall time over repeated runs, peak memory (from /usr/bin/time -v, the
largest of the runs) against the file's size, and the ratio. Then it splits
portfolios into folders of one decision record per file and times
`calibrate portfolio DIR` against `calibrate check DIR` on the same folder.
Last, it times `calibrate diagnose ... --format json` against `/bin/true`
launched the same way. The ratios come from this one run, so they compare
figures taken under the same conditions. `--binary` races another build
(an earlier one, say) instead of building this one.
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


def run_timed(cmd, out_path, ok=(0,)):
    """Wall seconds and peak resident kilobytes of one run."""
    with open(out_path, "wb") as out:
        start = time.perf_counter()
        done = subprocess.run(["/usr/bin/time", "-v", *cmd], stdout=out, stderr=subprocess.PIPE, check=False)
        wall = time.perf_counter() - start
    if done.returncode not in ok:
        sys.exit(f"{cmd[0]} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    peak = int(re.search(rb"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return wall, peak


def measure(cmd, out_path, runs, ok=(0,)):
    """Median wall seconds, the spread of the runs, and the largest peak in kilobytes."""
    results = [run_timed(cmd, out_path, ok) for _ in range(runs)]
    walls = [r[0] for r in results]
    return statistics.median(walls), (min(walls), max(walls)), max(r[1] for r in results)


def playbooks(path):
    with open(path, encoding="utf-8") as f:
        return [(i["initiative"], i["playbook"]) for i in json.load(f)["initiatives"]]


def generate(n, path):
    with open(path, "w", encoding="utf-8") as f:
        subprocess.run([sys.executable, os.path.join(HERE, "gen_portfolio.py"), str(n)], stdout=f, check=True)


def split(portfolio, folder):
    """Writes each initiative of a generated portfolio as a record file of its own."""
    os.makedirs(folder)
    records, current = [], None
    with open(portfolio, encoding="utf-8") as f:
        for line in f:
            if line.startswith("  - "):
                current = [line[4:]]
                records.append(current)
            elif current is not None:
                current.append(line[4:])
    for i, lines in enumerate(records):
        with open(os.path.join(folder, f"record-{i:06d}.yaml"), "w", encoding="utf-8") as f:
            f.writelines(lines)


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


def spread(timing):
    low, high = timing[1]
    return f"{low:.3f}-{high:.3f}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--folders", default="2000,20000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--binary")
    args = parser.parse_args()
    global BINARY
    if args.binary:
        BINARY = os.path.abspath(args.binary)
    else:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    rows, times, ratios = [], {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        ours_out, ref_out = os.path.join(tmp, "ours.json"), os.path.join(tmp, "ref.json")
        for n in [int(s) for s in args.sizes.split(",") if s]:
            data = os.path.join(tmp, f"portfolio-{n}.yaml")
            generate(n, data)
            size = os.path.getsize(data)
            ours = measure([BINARY, "portfolio", data, "--format", "json"], ours_out, args.runs)
            ref = measure([sys.executable, os.path.join(HERE, "reference_portfolio.py"), data], ref_out, args.runs)
            ours_books, ref_books = playbooks(ours_out), playbooks(ref_out)
            if ours_books != ref_books:
                differ = sum(a != b for a, b in zip(ours_books, ref_books))
                sys.exit(f"{n}: playbooks differ for {differ} initiatives (or the counts differ)")
            times[n] = ours[0]
            ratios[n] = (ref[0] / ours[0], ours[2] * 1024 / size)
            rows.append(
                f"| {n:,} | {size / 1e6:.1f} MB | {ours[0]:.3f} s ({spread(ours)}) | {ours[2] / 1024:.1f} MB "
                f"({ours[2] * 1024 / size:.2f}x the file) | {ref[0]:.3f} s | {ref[2] / 1024:.1f} MB | "
                f"{ref[0] / ours[0]:.1f}x | all {n:,} agree |"
            )
        folder_rows, folder_ratios = [], {}
        for n in [int(s) for s in args.folders.split(",") if s]:
            data = os.path.join(tmp, f"records-{n}.yaml")
            generate(n, data)
            folder = os.path.join(tmp, f"records-{n}")
            split(data, folder)
            ours = measure([BINARY, "portfolio", folder, "--format", "json"], ours_out, args.runs)
            if len(playbooks(ours_out)) != n:
                sys.exit(f"folder of {n}: not every record was placed")
            # Records declare playbooks the diagnosis does not always give,
            # so check exits 1 on mismatches: that is its answer, not a failure.
            check = measure([BINARY, "check", folder, "--format", "json"], ref_out, args.runs, ok=(0, 1))
            folder_ratios[n] = (ours[0] / check[0], ours[2])
            folder_rows.append(
                f"| {n:,} records | {ours[0]:.3f} s ({spread(ours)}) | {ours[2] / 1024:.1f} MB | "
                f"{check[0]:.3f} s ({spread(check)}) | {check[2] / 1024:.1f} MB | {ours[0] / check[0]:.2f}x |"
            )
    print(f"Median of {args.runs} runs (fastest-slowest in brackets); peak memory is the largest of the runs.\n")
    print("| initiatives | file | calibrate | calibrate peak | reference | reference peak | faster | playbooks |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    if folder_rows:
        print("\n| folder | `portfolio` | `portfolio` peak | `check` | `check` peak | `portfolio` / `check` |")
        print("|---|---|---|---|---|---|")
        print("\n".join(folder_rows))
    print()
    sizes = sorted(times)
    for small, large in zip(sizes, sizes[1:]):
        print(f"- Time from {small:,} to {large:,} initiatives grows {times[large] / times[small]:.1f}x "
              f"for {large // small}x the initiatives.")
    if 100000 in ratios:
        faster, memory = ratios[100000]
        print(f"- At 100,000 initiatives: {faster:.1f}x faster than the reference (target: at least 40x), "
              f"peak memory {memory:.2f}x the file (target: at most 0.5x).")
    if 10000 in times and 100000 in times:
        print(f"- Growth from 10,000 to 100,000: {times[100000] / times[10000]:.1f}x (target: at most 10.5x).")
    if folder_ratios:
        largest = max(folder_ratios)
        print(f"- A folder of {largest:,} records: `portfolio` takes {folder_ratios[largest][0]:.2f}x "
              f"the time of `check` (target: at most 1.3x).")
        peaks = ", ".join(f"{folder_ratios[n][1] / 1024:.1f} MB for {n:,}" for n in sorted(folder_ratios))
        print(f"- Peak memory of `portfolio` on a folder: {peaks} records.")
    single, floor = startup(200)
    print(f"- Start-up: `calibrate diagnose ... --format json` {single * 1000:.2f} ms, "
          f"`/bin/true` {floor * 1000:.2f} ms ({single / floor:.1f}x), median of 200 runs each.")


if __name__ == "__main__":
    main()
