"""Airflow DAGs of cchc-warehouse: `cchc_daily` (one export day a run) and `cchc_maintenance` (weekly).

Both run a command of scripts/airflow/commands.json through scripts/cchc, from the project root.
Airflow 3 (tested: the version scripts/airflow/requirements.txt pins), with the
apache-airflow-providers-standard package. Install and settings: scripts/airflow/README.md. In
short, each setting is the environment variable CCHC_<NAME> if set, else key <name> of the JSON
Airflow Variable `cchc` (which Airflow also reads from AIRFLOW_VAR_CCHC or a secrets backend), else
the default:

    home        the project checkout that runs     the checkout this file (symlink resolved) is in
    conf        HOCON config file                   conf/local.conf
    raw         landing zone                        data/raw
    warehouse   warehouse root                      data/warehouse
    start_date  first export day of cchc_daily      2021-01-01
    pool        Airflow pool of both DAGs (1 slot)  cchc_ + the warehouse path, e.g. cchc_s3a_bucket_wh
    operator    how a task runs its command         bash: a BashOperator runs scripts/cchc;
                                                    spark-submit: a SparkSubmitOperator submits the
                                                    same jar, class and arguments on the Airflow
                                                    connection spark_default

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

from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG, CronDataIntervalTimetable, Variable

# The export day of a run is its logical date. The schedule is an explicit data-interval timetable
# in UTC: the run of day D covers [D, D+1), its logical date is D, and it fires at 00:00 UTC on D+1
# (07:00 in Ho Chi Minh City, when D's exports are in). Airflow 3's "@daily" would give a
# CronTriggerTimetable, whose run firing on D+1 has logical date and data interval D+1: a day early.
# A run triggered by hand with logical date D runs day D too (its data interval is Airflow's last
# whole day before D, so the interval is not used).
DAILY = CronDataIntervalTimetable("0 0 * * *", timezone="UTC")
EXPORT_DAY = "{{ export_day(logical_date) }}"

# What scripts/cchc submits (scripts/cchc, scripts/lib/spark-jvm.sh), for the spark-submit operator
LAUNCHER = "scripts/cchc"
MAIN_CLASS = "vn.hcmc.cchc.cli.Cchc"
JAR = "jobs/target/cchc-jobs.jar"

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


def export_day(logical_date, now=None):
    """The export day a run loads: the date of its logical date (UTC), once that day is over.

    A run without a logical date, or one whose day has not ended yet (a run triggered "now" from
    the UI), fails here, before anything runs, with what to do instead.
    """
    if not isinstance(logical_date, datetime):
        raise ValueError("cchc_daily needs a logical date, the export day to load: trigger it with"
                         " --logical-date YYYY-MM-DD (or pick the day in the UI)")
    day = logical_date.astimezone(timezone.utc).date()
    ends = datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=timezone.utc)
    if (now or datetime.now(timezone.utc)) < ends:
        raise ValueError(f"the export day {day} is not over until {ends.isoformat()}: trigger an earlier"
                         " day (logical date YYYY-MM-DD, the day to load)")
    return day.isoformat()


def _variable(key):
    return Variable.get(key, default=None)


def _settings():
    """The effective settings: CCHC_<NAME> environment variable, Variable `cchc`, default."""
    env = {key: os.environ.get("CCHC_" + key.upper()) for key in ("home", "pool", "operator", *_DEFAULTS)}
    shared = {}
    if not all(env[key] for key in ("home", *_DEFAULTS)):
        shared = json.loads(_variable("cchc") or "{}")
    settings = {key: env.get(key) or shared.get(key) or default
                for key, default in {"home": None, "pool": None, "operator": "bash", **_DEFAULTS}.items()}
    if settings["operator"] not in _OPERATORS:
        raise ValueError(f"cchc setting operator={settings['operator']!r}: use one of {sorted(_OPERATORS)}")
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


def _bash(argv, settings, **task):
    """scripts/cchc with the command's arguments, from the project root."""
    return BashOperator(bash_command=shlex.join(argv), cwd=settings["home"], **task)


def _spark_submit(argv, settings, **task):
    """What scripts/cchc submits with SPARK_HOME set (the same jar, class, driver class path and
    arguments; the log configuration as spark.driver.extraJavaOptions), on the connection
    spark_default: its host is the master (e.g. spark://host:7077, yarn, local[*]), and spark-submit
    must be on the worker's PATH."""
    from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

    if argv[0] != LAUNCHER:
        raise ValueError(f"command {argv!r} does not run {LAUNCHER}: it cannot be submitted to Spark")
    home = settings["home"]
    jar = f"{home}/{JAR}"
    return SparkSubmitOperator(
        conn_id="spark_default",
        application=jar,
        java_class=MAIN_CLASS,
        driver_class_path=jar,
        conf={"spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={home}/conf/log4j2.properties"},
        application_args=argv[1:],
        env_vars={"CCHC_HOME": home},  # the reference data's root, as the launcher sets it
        name=f"cchc-{argv[1]}",
        **task,
    )


_OPERATORS = {"bash": _bash, "spark-submit": _spark_submit}


def _task(commands, name, settings, **values):
    """The task running command `name`; the pool makes it wait for any other on the warehouse."""
    argv = commands.render(name, **values)
    return _OPERATORS[settings["operator"]](argv, settings, task_id=name, pool=settings["pool"], retries=RETRIES,
                                            retry_delay=RETRY_DELAY, execution_timeout=TIMEOUT)


SETTINGS = _settings()
COMMANDS = _commands(SETTINGS["home"])
_PATHS = {key: SETTINGS[key] for key in ("conf", "raw", "warehouse")}

with DAG(
    dag_id="cchc_daily",
    description="cchc-warehouse: ingest, normalize and marts for one export day",
    schedule=DAILY,
    start_date=datetime.fromisoformat(SETTINGS["start_date"]).replace(tzinfo=timezone.utc),
    catchup=True,
    max_active_runs=1,
    user_defined_macros={"export_day": export_day},
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
