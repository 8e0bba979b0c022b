#!/usr/bin/env python3
"""Runs one command and measures it: wall time, CPU time and peak memory.

    scripts/lib/measure.py --json FILE -- COMMAND [ARG...]

The command's output passes through untouched; its exit code is this script's. FILE gets one JSON
object: wall_s, cpu_s (user + system of every descendant the command waited for), user_s, sys_s,
max_rss_mib (the largest resident set of any one process in the tree: for scripts/cchc, the Spark
JVM it execs) and exit_code. getrusage(RUSAGE_CHILDREN) rather than /usr/bin/time, which a fresh
machine may not have.
"""
import json
import resource
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 4 or argv[0] != "--json" or argv[2] != "--":
        print("usage: measure.py --json FILE -- COMMAND [ARG...]", file=sys.stderr)
        return 2
    out, command = argv[1], argv[3:]
    start = time.monotonic()
    try:
        code = subprocess.call(command)
    except OSError as e:
        print(f"measure.py: cannot run {command[0]}: {e.strerror}", file=sys.stderr)
        code = 127
    wall = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "wall_s": round(wall, 2),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "user_s": round(usage.ru_utime, 2),
        "sys_s": round(usage.ru_stime, 2),
        "max_rss_mib": round(usage.ru_maxrss / 1024, 1),  # Linux: KiB
        "exit_code": code,
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f)
        f.write("\n")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
