"""Imports a DAG file against the Airflow stub next to this file and prints its DAGs as one JSON object.

    python3 inspect_dags.py DAG_FILE --date YYYY-MM-DD

For every task: its arguments, and `argv`, the argv its bash_command runs once Airflow has put
DATE in for {{ data_interval_start | ds }} (shlex.split, as bash would split it).
"""

import argparse
import importlib.util
import json
import shlex
import sys
from datetime import timedelta
from pathlib import Path

EXPORT_DAY = "{{ data_interval_start | ds }}"


def _plain(value):
    if isinstance(value, timedelta):
        return value.total_seconds()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dag_file")
    parser.add_argument("--date", required=True)
    args = parser.parse_args()
    sys.dont_write_bytecode = True
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from airflow import _stub

    spec = importlib.util.spec_from_file_location("dag_under_test", args.dag_file)
    spec.loader.exec_module(importlib.util.module_from_spec(spec))

    dags = {}
    for dag in _stub.DAGS:
        tasks = {}
        for task in dag.tasks:
            info = {key: _plain(value) for key, value in task.kwargs.items()}
            info["operator"] = type(task).__name__
            info["argv"] = shlex.split(task.kwargs["bash_command"].replace(EXPORT_DAY, args.date))
            tasks[task.task_id] = info
        dags[dag.dag_id] = {**{key: _plain(value) for key, value in dag.kwargs.items()}, "tasks": tasks}
    print(json.dumps({"airflow_major": _stub.major(), "dags": dags}, ensure_ascii=False))


if __name__ == "__main__":
    main()
