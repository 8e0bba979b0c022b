"""The DAGs of cchc_pipeline.py as Airflow itself loads, schedules and renders them.

Run with the pinned Airflow (scripts/airflow/install) against an initialised Airflow database in
which the DAG file was serialised (`airflow db migrate`, `airflow dags reserialize`): AirflowIT
does both, then runs this file with pytest, then `airflow dags test` on a generated landing zone.
"""

import importlib.util
import io
import shlex
from contextlib import redirect_stdout
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pendulum
import pytest
from airflow.cli import cli_parser
from airflow.cli.commands.task_command import task_render
from airflow.dag_processing.dagbag import DagBag
from airflow.serialization.serialized_objects import DagSerialization
from airflow.timetables.base import DataInterval, TimeRestriction

HERE = Path(__file__).resolve().parent
DAG_FILE = HERE / "cchc_pipeline.py"
ROOT = HERE.parents[1]
UTC = pendulum.UTC

# Paths as production would set them: a space and a quote, so the shell quoting is exercised.
PRODUCTION = {
    "CCHC_CONF": "/etc/cchc/prod.conf",
    "CCHC_RAW": "/mnt/landing zone/cchc's raw",
    "CCHC_WAREHOUSE": "s3a://cchc-lake/warehouse",
}


def load(monkeypatch, **env):
    """The DagBag of the DAG file parsed with exactly the CCHC_* settings `env` (none other)."""
    for key in ("CCHC_HOME", "CCHC_CONF", "CCHC_RAW", "CCHC_WAREHOUSE", "CCHC_START_DATE", "CCHC_POOL",
                "CCHC_OPERATOR", "AIRFLOW_VAR_CCHC"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return DagBag(dag_folder=str(DAG_FILE))


def commands():
    spec = importlib.util.spec_from_file_location("cchc_commands", HERE / "cchc_commands.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Commands.load(HERE / "commands.json")


def rendered_argv(dag, logical_date):
    """The daily task's command for a run of `logical_date`, rendered by Airflow (`airflow tasks render`)."""
    args = cli_parser.get_parser().parse_args(["tasks", "render", dag.dag_id, "daily", logical_date.isoformat()])
    out = io.StringIO()
    with redirect_stdout(out):
        task_render(args, dag=dag)
    lines = [line for line in out.getvalue().splitlines() if line.startswith("scripts/cchc ")]
    assert len(lines) == 1, out.getvalue()
    return shlex.split(lines[0])


def scheduler_timetable(dag):
    """The timetable as the scheduler has it: the DAG after Airflow's own serialisation round trip."""
    return DagSerialization.from_dict(DagSerialization.to_dict(dag)).timetable


def test_the_dag_file_imports_without_errors_and_holds_both_dags(monkeypatch):
    bag = load(monkeypatch, **PRODUCTION)
    assert bag.import_errors == {}
    assert sorted(bag.dag_ids) == ["cchc_daily", "cchc_maintenance"]


def test_the_daily_dag_catches_up_one_run_at_a_time_retried_and_bounded(monkeypatch):
    dag = load(monkeypatch, **PRODUCTION).dags["cchc_daily"]
    assert dag.catchup is True
    assert dag.max_active_runs == 1
    assert dag.start_date == datetime(2021, 1, 1, tzinfo=timezone.utc)
    assert [t.task_id for t in dag.tasks] == ["daily"]
    task = dag.get_task("daily")
    assert type(task).__name__ == "BashOperator"
    assert task.cwd == str(ROOT)
    assert task.pool == "cchc_s3a_cchc-lake_warehouse"
    assert task.retries == 2
    assert task.retry_delay == timedelta(minutes=10)
    assert task.execution_timeout == timedelta(hours=6)


def test_the_run_that_fires_at_midnight_on_30_march_loads_29_march(monkeypatch):
    dag = load(monkeypatch, **PRODUCTION).dags["cchc_daily"]
    after_28 = DataInterval(pendulum.datetime(2021, 3, 28, tz=UTC), pendulum.datetime(2021, 3, 29, tz=UTC))
    run = scheduler_timetable(dag).next_dagrun_info(
        last_automated_data_interval=after_28,
        restriction=TimeRestriction(earliest=dag.start_date, latest=None, catchup=True))

    assert run.run_after == pendulum.datetime(2021, 3, 30, tz=UTC)
    assert rendered_argv(dag, run.logical_date) == commands().render(
        "daily", conf="/etc/cchc/prod.conf", raw="/mnt/landing zone/cchc's raw",
        warehouse="s3a://cchc-lake/warehouse", date="2021-03-29")
    assert run.data_interval == DataInterval(pendulum.datetime(2021, 3, 29, tz=UTC),
                                             pendulum.datetime(2021, 3, 30, tz=UTC))


def test_catch_up_starts_with_the_export_day_of_start_date(monkeypatch):
    dag = load(monkeypatch, **PRODUCTION, CCHC_START_DATE="2024-05-01").dags["cchc_daily"]
    first = scheduler_timetable(dag).next_dagrun_info(
        last_automated_data_interval=None,
        restriction=TimeRestriction(earliest=dag.start_date, latest=None, catchup=True))

    assert first.logical_date == pendulum.datetime(2024, 5, 1, tz=UTC)
    assert first.run_after == pendulum.datetime(2024, 5, 2, tz=UTC)


def test_a_run_without_a_day_that_is_over_fails_before_anything_runs(monkeypatch):
    export_day = load(monkeypatch, **PRODUCTION).dags["cchc_daily"].user_defined_macros["export_day"]
    assert export_day(pendulum.datetime(2021, 3, 29, tz=UTC)) == "2021-03-29"
    # midnight in Ho Chi Minh City is 17:00 UTC the day before: the day is UTC's
    assert export_day(pendulum.datetime(2021, 3, 29, 6, 30, tz="Asia/Ho_Chi_Minh")) == "2021-03-28"
    with pytest.raises(ValueError, match="needs a logical date"):
        export_day(None)
    now = datetime(2021, 3, 29, 23, 59, tzinfo=timezone.utc)
    with pytest.raises(ValueError, match="2021-03-29 is not over until 2021-03-30T00:00:00"):
        export_day(pendulum.datetime(2021, 3, 29, 12, tz=UTC), now=now)


def test_maintenance_is_weekly_without_catch_up_and_shares_the_warehouse_pool(monkeypatch):
    bag = load(monkeypatch, **PRODUCTION)
    maintenance = bag.dags["cchc_maintenance"]
    assert maintenance.catchup is False
    assert maintenance.max_active_runs == 1
    assert scheduler_timetable(maintenance).summary == "0 0 * * 0"  # @weekly: Sundays, 00:00 UTC
    task = maintenance.get_task("maintenance")
    assert task.retries == 2
    assert task.pool == bag.dags["cchc_daily"].get_task("daily").pool
    assert shlex.split(task.bash_command) == commands().render(
        "maintenance", conf="/etc/cchc/prod.conf", warehouse="s3a://cchc-lake/warehouse")


def test_settings_come_from_the_variable_and_relative_paths_from_the_project_root(monkeypatch):
    bag = load(monkeypatch, AIRFLOW_VAR_CCHC='{"raw": "landing", "warehouse": "wh", "start_date": "2024-05-01",'
                                             ' "pool": "cchc_prod"}')
    dag = bag.dags["cchc_daily"]
    assert dag.start_date == datetime(2024, 5, 1, tzinfo=timezone.utc)
    task = dag.get_task("daily")
    assert task.pool == "cchc_prod"
    assert shlex.split(task.bash_command) == commands().render(
        "daily", conf=str(ROOT / "conf/local.conf"), raw=str(ROOT / "landing"), warehouse=str(ROOT / "wh"),
        date="{{ export_day(logical_date) }}")


def test_a_setting_with_jinja_markup_stops_the_import(monkeypatch):
    bag = load(monkeypatch, **{**PRODUCTION, "CCHC_WAREHOUSE": "/data/{{ wh }}"})
    assert bag.dag_ids == []
    assert "Jinja" in "".join(bag.import_errors.values())


def test_the_spark_submit_operator_submits_the_launchers_jar_class_and_arguments(monkeypatch):
    monkeypatch.setenv("AIRFLOW_CONN_SPARK_DEFAULT", '{"conn_type": "spark", "host": "local[*]"}')
    dag = load(monkeypatch, **PRODUCTION, CCHC_OPERATOR="spark-submit").dags["cchc_daily"]
    task = dag.get_task("daily")
    assert type(task).__name__ == "SparkSubmitOperator"
    assert (task.pool, task.retries, task.execution_timeout) == ("cchc_s3a_cchc-lake_warehouse", 2, timedelta(hours=6))
    jar = str(ROOT / "jobs/target/cchc-jobs.jar")
    argv = commands().render("daily", conf="/etc/cchc/prod.conf", raw="/mnt/landing zone/cchc's raw",
                             warehouse="s3a://cchc-lake/warehouse", date="{{ export_day(logical_date) }}")
    # what scripts/cchc runs with SPARK_HOME set: spark-submit --class MAIN ... --driver-class-path JAR JAR ARGS
    assert task._get_hook()._build_spark_submit_command(task.application) == [
        "spark-submit", "--master", "local[*]",
        "--conf", f"spark.driver.extraJavaOptions=-Dlog4j2.configurationFile={ROOT}/conf/log4j2.properties",
        "--driver-class-path", jar, "--name", "cchc-run", "--class", "vn.hcmc.cchc.cli.Cchc", jar, *argv[1:]]


def test_an_unknown_operator_stops_the_import(monkeypatch):
    bag = load(monkeypatch, **PRODUCTION, CCHC_OPERATOR="kubernetes")
    assert bag.dag_ids == []
    assert "operator='kubernetes': use one of ['bash', 'spark-submit']" in "".join(bag.import_errors.values())
