#!/usr/bin/env python3
"""Reads Delta tables with delta-rs (the `deltalake` package), not Spark, and prints them as JSON lines.

    delta_rs_rows.py WAREHOUSE TABLE...      e.g. data/warehouse gold/case_monthly gold/work_monthly

For each table, first a line {"table", "version", "reader_version", "writer_version", "rows"}, then one
line {"table", "row"} per row: dates as yyyy-MM-dd, numbers as JSON numbers (doubles exactly: Python's
repr round-trips). A table delta-rs refuses (a reader feature it does not know) is one line
{"table", "error"}, and the exit code is 1.
"""
import datetime
import json
import os
import sys

from deltalake import DeltaTable


def plain(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    root, failed = argv[1].rstrip("/"), False
    for name in argv[2:]:
        try:
            dt = DeltaTable(root + "/" + name)
            rows = dt.to_pyarrow_table().to_pylist()
        except Exception as e:  # delta-rs says why in one line: the table's protocol or a feature
            print(json.dumps({"table": name, "error": str(e).splitlines()[0]}))
            failed = True
            continue
        protocol = dt.protocol()
        print(json.dumps({"table": name, "version": dt.version(), "reader_version": protocol.min_reader_version,
                          "writer_version": protocol.min_writer_version, "rows": len(rows)}))
        for r in rows:
            print(json.dumps({"table": name, "row": {k: plain(v) for k, v in r.items()}}, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    code = main(sys.argv)
    sys.stdout.flush()
    sys.stderr.flush()
    # os._exit, not sys.exit: the interpreter's teardown with delta-rs' runtime threads still alive
    # aborts about one exit in five ("terminate called without an active exception", code 134),
    # after every row was printed; nothing is left to clean up here
    os._exit(code)
