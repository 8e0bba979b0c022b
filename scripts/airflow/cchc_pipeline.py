"""Airflow DAGs of cchc-warehouse: `cchc_daily` (one export day a run) and `cchc_maintenance` (weekly).

Both run a command of scripts/airflow/commands.json through scripts/cchc, from the project root.
Airflow 2.4+ and 3.x. Install and settings: scripts/airflow/README.md. In short, each setting is
the environment variable CCHC_<NAME> if set, else key <name> of the JSON Airflow Variable `cchc`
(which Airflow also reads from AIRFLOW_VAR_CCHC or a secrets backend), else the default:

    home        the project checkout that runs     the checkout this file (symlink resolved) is in
    conf        HOCON config file                   conf/local.conf
    raw         landing zone                        data/raw
    warehouse   warehouse root                      data/warehouse
    start_date  first export day of cchc_daily      2021-01-01
    pool        Airflow pool of both DAGs (1 slot)  cchc_ + the warehouse path, e.g. cchc_s3a_bucket_wh

Relative local paths are the project root's. Importing this file reads the settings and
commands.json, and defines the DAGs; nothing else.
"""

import hashlib
import importlib.util
import json
import os
import re
import shlex
from datetime import datetime, timedelta, timezone
from pathlib import Path

try:  # Airflow 3
    from airflow.providers.standard.operators.bash import BashOperator
    from airflow.sdk import DAG, Variable

    def _variable(key):
        return Variable.get(key, default=None)
except ImportError:  # Airflow 2.4+
    from airflow import DAG
    from airflow.models import Variable
    from airflow.operators.bash import BashOperator

    def _variable(key):
        return Variable.get(key, default_var=None)

# The export day of a run: the first day of its data interval. The DAGs keep Airflow's UTC
# schedule, so the run of day D starts at 00:00 UTC on D+1 (07:00 in Ho Chi Minh City, when D's
# exports are in); `ds` of a time zone-aware start_date would be the day before.
EXPORT_DAY = "{{ data_interval_start | ds }}"

RETRIES = 2
RETRY_DELAY = timedelta(minutes=10)
# A hung Spark job would hold the warehouse's only pool slot, and with it every later run.
TIMEOUT = timedelta(hours=6)

_DEFAULTS = {
    "conf": "conf/local.conf",
    "raw": "data/raw",
    "warehouse": "data/warehouse",
    "start_date": "2021-01-01",
}


def _settings():
    """The effective settings: CCHC_<NAME> environment variable, Variable `cchc`, default."""
    env = {key: os.environ.get("CCHC_" + key.upper()) for key in ("home", "pool", *_DEFAULTS)}
    shared = {}
    if not all(env[key] for key in ("home", *_DEFAULTS)):
        shared = json.loads(_variable("cchc") or "{}")
    settings = {key: env.get(key) or shared.get(key) or default
                for key, default in {"home": None, "pool": None, **_DEFAULTS}.items()}
    home = Path(settings["home"] or Path(__file__).resolve().parents[2])
    settings["home"] = str(home)
    for key in ("conf", "raw", "warehouse"):  # relative local paths are the project root's
        if "://" not in settings[key] and not os.path.isabs(settings[key]):
            settings[key] = str(home / settings[key])
    for key, value in settings.items():  # Airflow renders bash_command with Jinja
        if value and any(token in value for token in ("{{", "{%", "{#")):
            raise ValueError(f"cchc setting {key}={value!r} contains Jinja markup")
    settings["pool"] = settings["pool"] or pool_name(settings["warehouse"])
    return settings


def pool_name(warehouse):
    """The pool of a warehouse: one slot, so the daily run and maintenance never overlap on it."""
    name = "cchc_" + re.sub(r"[^A-Za-z0-9_.-]+", "_", warehouse).strip("_")
    if len(name) > 100:
        name = name[:90] + "_" + hashlib.sha1(warehouse.encode("utf-8")).hexdigest()[:8]
    return name


def _commands(home):
    """cchc_commands from the checkout that runs, so commands.json and scripts/cchc match."""
    path = Path(home) / "scripts" / "airflow" / "cchc_commands.py"
    if not path.is_file():
        raise FileNotFoundError(f"{path} not found: set CCHC_HOME, or key home of the Variable cchc,"
                                " to the project checkout")
    spec = importlib.util.spec_from_file_location("cchc_commands", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Commands.load(path.parent / "commands.json")


def _task(commands, name, settings, **values):
    """A BashOperator running command `name`; the pool makes it wait for any other on the warehouse."""
    argv = commands.render(name, **values)
    return BashOperator(
        task_id=name,
        bash_command=shlex.join(argv),
        cwd=settings["home"],
        pool=settings["pool"],
        retries=RETRIES,
        retry_delay=RETRY_DELAY,
        execution_timeout=TIMEOUT,
    )


SETTINGS = _settings()
COMMANDS = _commands(SETTINGS["home"])
_PATHS = {key: SETTINGS[key] for key in ("conf", "raw", "warehouse")}

with DAG(
    dag_id="cchc_daily",
    description="cchc-warehouse: ingest, normalize and marts for one export day",
    schedule="@daily",
    start_date=datetime.fromisoformat(SETTINGS["start_date"]).replace(tzinfo=timezone.utc),
    catchup=True,
    max_active_runs=1,
    tags=["cchc"],
) as cchc_daily:
    _task(COMMANDS, "daily", SETTINGS, date=EXPORT_DAY, **_PATHS)

with DAG(
    dag_id="cchc_maintenance",
    description="cchc-warehouse: weekly compaction and VACUUM of every table",
    schedule="@weekly",
    start_date=datetime(2021, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    tags=["cchc"],
) as cchc_maintenance:
    _task(COMMANDS, "maintenance", SETTINGS, conf=SETTINGS["conf"], warehouse=SETTINGS["warehouse"])
