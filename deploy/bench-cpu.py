#!/usr/bin/env python3
"""CPU time of short-lived processes, to the microsecond (getrusage of the children;
/usr/bin/time rounds to 10 ms, as long as a whole run of ticketd's one-shot commands).

  bench-cpu.py median N CMD...           "<median CPU ms> <median system CPU ms> <median
                                         page faults>" of N runs of CMD
  bench-cpu.py stdin FOLDER CMD...       CMD once per .eml file of FOLDER on standard
                                         input: "<median CPU ms per run> <mean CPU ms per
                                         run> <runs per second> <median system CPU ms>
                                         <median page faults>" (the median: a shared
                                         machine's other tenants add spikes to some runs)

The system CPU and the page faults tell one host from another: on some virtual machines
a page fault costs ten times what it costs on others, and a process's start is mostly
page faults.
"""
import os
import resource
import statistics
import subprocess
import sys
import time


def run(command, stdin=None):
    """(CPU seconds, system CPU seconds, page faults) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    system = after.ru_stime - before.ru_stime
    return after.ru_utime - before.ru_utime + system, system, after.ru_minflt - before.ru_minflt


def medians(runs):
    """Median CPU ms, median system CPU ms, median page faults."""
    return (statistics.median(r[0] for r in runs) * 1000, statistics.median(r[1] for r in runs) * 1000,
            statistics.median(r[2] for r in runs))


def main():
    mode = sys.argv[1]
    if mode == "median":
        count, command = int(sys.argv[2]), sys.argv[3:]
        cpu, system, faults = medians([run(command) for _ in range(count)])
        print(f"{cpu:.1f} {system:.1f} {faults:.0f}")
    elif mode == "stdin":
        folder, command = sys.argv[2], sys.argv[3:]
        files = sorted(f for f in os.listdir(folder) if f.endswith(".eml"))
        start = time.monotonic()
        runs = []
        for name in files:
            with open(os.path.join(folder, name), "rb") as mail:
                runs.append(run(command, stdin=mail))
        elapsed = time.monotonic() - start
        cpu, system, faults = medians(runs)
        print(f"{cpu:.1f} {sum(r[0] for r in runs) * 1000 / len(runs):.1f} {len(files) / elapsed:.0f} {system:.1f} {faults:.0f}")
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
