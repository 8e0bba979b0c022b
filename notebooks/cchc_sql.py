"""%%cchc_sql: a Jupyter cell of Spark SQL against the warehouse.

Load it in a notebook of this folder with ``%load_ext cchc_sql``; then a cell

    %%cchc_sql
    SELECT period_month, late_rate FROM gold.case_monthly WHERE scope_type = 'city' AND sector = '*'

shows the result as a pandas DataFrame; ``%%cchc_sql NAME`` also keeps it in the variable NAME.

Where the query runs:

- on the long-lived session of ``scripts/cchc serve`` (Spark Connect) when one answers: at
  ``CCHC_CONNECT`` (e.g. ``sc://127.0.0.1:15002``), else on this machine's default port 15002;
  the query then costs what the query costs. Needs the Spark Connect client, ``pip install
  pyspark-client==4.2.0`` (in the environment of scripts/airflow/install). The server's warehouse
  must be ``CCHC_WAREHOUSE`` when that is set, or the cell falls back to the launcher;
- otherwise through ``scripts/cchc sql --warehouse $CCHC_WAREHOUSE --format csv "<the cell's SQL>"``:
  a Spark application per cell (some seconds). Without CCHC_WAREHOUSE the launcher's config
  (``cchc.warehouse``) decides. ``CCHC_CONNECT=off`` always takes this way.

Either way the query runs in Ho Chi Minh City's time, as ``sql`` does by default (``date(received_at)``
is the city's day); ``CCHC_TIME_ZONE=UTC`` runs it in UTC. Through the launcher, dates and instants
come as text (``2021-04-01``, ``2021-04-01T01:30:00+07:00``); through the server, as pandas dates
and times. A query the warehouse cannot answer raises ``cchc sql: bad query: <first line>``.
Every result of the session is also kept in ``RESULTS`` (query, DataFrame, and "serve" or "sql", the
way it came), for notebooks/run.py.
"""

import io
import os
import pathlib
import socket
import subprocess
from urllib.parse import urlparse

ROOT = pathlib.Path(__file__).resolve().parent.parent
LAUNCHER = ROOT / "scripts" / "cchc"
DEFAULT_CONNECT = "sc://127.0.0.1:15002"
# the setting by which scripts/cchc serve says which warehouse it serves (serve.ConnectServer)
WAREHOUSE_KEY = "spark.cchc.warehouse"

RESULTS = []
_sessions = {}


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
    """The query's result as a pandas DataFrame, from the long-lived session if one serves the warehouse."""
    spark = session(warehouse)
    if spark is not None:
        result, via = _remote(spark, query), "serve"
    else:
        import pandas

        result, via = pandas.read_csv(io.StringIO(run(query, warehouse)), keep_default_na=False, na_values=[""]), "sql"
    RESULTS.append((query, result, via))
    return result


def session(warehouse=None):
    """The Spark Connect session of ``scripts/cchc serve`` for this warehouse, or None (use the launcher)."""
    url = os.environ.get("CCHC_CONNECT") or ""
    if url == "off":
        return None
    if not url:
        if not _answers(DEFAULT_CONNECT):
            return None
        url = DEFAULT_CONNECT
    wanted = warehouse if warehouse is not None else os.environ.get("CCHC_WAREHOUSE")
    key = (url, wanted, os.environ.get("CCHC_TIME_ZONE"))
    if key not in _sessions:
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.remote(url).getOrCreate()
        served = spark.conf.get(WAREHOUSE_KEY, None)
        if wanted and served != _absolute(wanted):
            print(f"cchc_sql: {url} serves {served}, not {wanted}: running cells through scripts/cchc sql")
            spark = None
        elif key[2]:
            spark.conf.set("spark.sql.session.timeZone", key[2])
        _sessions[key] = spark
    return _sessions[key]


def _remote(spark, query):
    from pyspark.errors import AnalysisException

    try:
        return spark.sql(query).toPandas()
    except AnalysisException as e:
        first = (str(e).strip().splitlines() or ["unknown error"])[0]
        raise RuntimeError("cchc sql: bad query: " + first) from None


def _answers(url, timeout=0.3):
    """Whether something listens at the host and port of ``url``."""
    parsed = urlparse(url.replace("sc://", "http://", 1))
    try:
        with socket.create_connection((parsed.hostname, parsed.port), timeout=timeout):
            return True
    except OSError:
        return False


def _absolute(path):
    """A local warehouse path as the server resolved it (absolute); a URI as it is."""
    return path if "://" in path else str((ROOT / path).resolve())


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
