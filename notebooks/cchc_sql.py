"""%%cchc_sql: a Jupyter cell of Spark SQL run by ``scripts/cchc sql`` against the warehouse.

Load it in a notebook of this folder with ``%load_ext cchc_sql``; then a cell

    %%cchc_sql
    SELECT period_month, late_rate FROM gold.case_monthly WHERE scope_type = 'city' AND sector = '*'

runs ``scripts/cchc sql --warehouse $CCHC_WAREHOUSE --format csv "<the cell's SQL>"`` and shows the
result as a pandas DataFrame. ``%%cchc_sql NAME`` also keeps it in the variable NAME. Without
CCHC_WAREHOUSE the launcher's config (``cchc.warehouse``) decides. The query runs in Ho Chi Minh
City's time, as ``sql`` does by default (``date(received_at)`` is the city's day, instants come with
``+07:00``); ``CCHC_TIME_ZONE=UTC`` passes ``--time-zone UTC``. Each cell starts a Spark
application (some seconds); the query itself runs in the project's code, the same as in the tests.
"""

import io
import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parent.parent
LAUNCHER = ROOT / "scripts" / "cchc"


def command(query, warehouse=None, time_zone=None):
    """The argv that runs ``query``: the launcher's ``sql`` command, CSV out."""
    argv = [str(LAUNCHER), "sql"]
    warehouse = warehouse if warehouse is not None else os.environ.get("CCHC_WAREHOUSE")
    if warehouse:
        argv += ["--warehouse", warehouse]
    time_zone = time_zone if time_zone is not None else os.environ.get("CCHC_TIME_ZONE")
    if time_zone:
        argv += ["--time-zone", time_zone]
    return argv + ["--format", "csv", query]


def run(query, warehouse=None):
    """The query's result as CSV text; a RuntimeError with the launcher's message when it fails."""
    done = subprocess.run(command(query, warehouse), cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        errors = [line for line in done.stderr.splitlines() if line.startswith("cchc ")]
        raise RuntimeError("\n".join(errors) or done.stderr.strip() or "scripts/cchc sql failed")
    return done.stdout


def frame(query, warehouse=None):
    """The query's result as a pandas DataFrame (dates stay text: parse what you chart)."""
    import pandas

    return pandas.read_csv(io.StringIO(run(query, warehouse)), keep_default_na=False, na_values=[""])


def load_ipython_extension(ipython):
    def cchc_sql(line, cell):
        name = line.strip()
        if name and not name.isidentifier():
            raise ValueError("%%cchc_sql takes one variable name, not: " + name)
        result = frame(cell)
        if name:
            ipython.user_ns[name] = result
        return result

    ipython.register_magic_function(cchc_sql, magic_kind="cell", magic_name="cchc_sql")
