#!/usr/bin/env python3
"""CPU time of short-lived processes, to the microsecond (getrusage of the children;
/usr/bin/time rounds to 10 ms, as long as a whole run of ticketd's one-shot commands).

  bench-cpu.py median N CMD...           median CPU ms of N runs of CMD
  bench-cpu.py stdin FOLDER CMD...       CMD once per .eml file of FOLDER on standard
                                         input: "<median CPU ms per run> <mean CPU ms per
                                         run> <runs per second>" (the median: a shared
                                         machine's other tenants add spikes to some runs)
"""
import os
import resource
import statistics
import subprocess
import sys
import time


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(command, stdin=None):
    before = cpu_seconds()
    subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return cpu_seconds() - before


def main():
    mode = sys.argv[1]
    if mode == "median":
        count, command = int(sys.argv[2]), sys.argv[3:]
        print(f"{statistics.median(run(command) for _ in range(count)) * 1000:.1f}")
    elif mode == "stdin":
        folder, command = sys.argv[2], sys.argv[3:]
        files = sorted(f for f in os.listdir(folder) if f.endswith(".eml"))
        start = time.monotonic()
        runs = []
        for name in files:
            with open(os.path.join(folder, name), "rb") as mail:
                runs.append(run(command, stdin=mail))
        elapsed = time.monotonic() - start
        print(f"{statistics.median(runs) * 1000:.1f} {sum(runs) * 1000 / len(runs):.1f} {len(files) / elapsed:.0f}")
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
