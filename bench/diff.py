#!/usr/bin/env python3
"""Time `calibrate diff` between two commits of a repository of decision records.

Usage: python3 bench/diff.py [--records 1000] [--runs 10] [--binary PATH]

Builds the release binary (unless --binary is given), makes a git repository
in a temporary folder with RECORDS records, commits them, changes the horizon
or a claim in about one record in seven and commits again, then runs
`calibrate diff HEAD~1 HEAD` RUNS times and prints the median, fastest and
slowest wall time and the number of records that moved.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def git(repo, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.com",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.com")
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, stdout=subprocess.DEVNULL)


def record(i, changed):
    horizon = 30 if changed and i % 2 else 3 + i % 30
    doubted = changed and i % 2 == 0
    return (
        f"initiative: Initiative {i}\n"
        f"horizon: {horizon}m\n"
        "current_playbook: go-now\n"
        "claims:\n"
        f"  - claim: Our data for {i} is clean\n"
        f"    status: {'assumption' if doubted else 'fact'}\n"
        "    evidence: measured\n"
        f"  - claim: Users of {i} adopt it\n"
        "    status: assumption\n"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--binary")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary) if args.binary else None
    if not binary:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        binary = os.path.join(ROOT, "target", "release", "calibrate")
    with tempfile.TemporaryDirectory() as repo:
        os.mkdir(os.path.join(repo, "records"))
        git(repo, "init", "-q", "-b", "main")
        for changed in (False, True):
            for i in range(args.records):
                if changed and i % 7:
                    continue
                with open(os.path.join(repo, "records", f"r{i:05}.yaml"), "w") as f:
                    f.write(record(i, changed))
            git(repo, "add", "-A")
            git(repo, "commit", "-q", "-m", "change" if changed else "records")
        walls = []
        for _ in range(args.runs):
            start = time.perf_counter()
            done = subprocess.run([binary, "diff", "HEAD~1", "HEAD", "--format", "json"],
                                  cwd=repo, capture_output=True, check=True)
            walls.append(time.perf_counter() - start)
        import json
        summary = json.loads(done.stdout)["summary"]
    print(f"calibrate diff on {args.records} records between two commits: "
          f"median {statistics.median(walls):.3f} s (fastest {min(walls):.3f}, slowest {max(walls):.3f}) "
          f"over {args.runs} runs; {summary['moved']} moved, {summary['changed_in_place']} changed in place, "
          f"{summary['unchanged']} unchanged")


if __name__ == "__main__":
    sys.exit(main())
