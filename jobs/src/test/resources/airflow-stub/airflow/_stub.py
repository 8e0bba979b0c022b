"""A stand-in for Airflow that records what a DAG file declares; Airflow itself is not under test.

AIRFLOW_STUB_MAJOR=2 hides the Airflow 3 modules (airflow.sdk, airflow.providers.standard), so a DAG
file's Airflow 2 imports run; otherwise both layouts are there, as on Airflow 3 with the standard
provider. Unknown arguments fail, as they do on Airflow, so a typo does not pass unseen.
"""

import os

DAGS = []
_current = []

DAG_ARGS = {"dag_id", "description", "schedule", "start_date", "end_date", "catchup", "max_active_runs",
            "max_active_tasks", "default_args", "tags", "dagrun_timeout", "doc_md", "params",
            "is_paused_upon_creation", "render_template_as_native_obj"}
BASH_ARGS = {"task_id", "bash_command", "env", "append_env", "cwd", "output_encoding", "skip_on_exit_code",
             "pool", "pool_slots", "retries", "retry_delay", "retry_exponential_backoff", "max_retry_delay",
             "execution_timeout", "depends_on_past", "doc_md", "dag", "owner", "priority_weight"}


def major():
    return os.environ.get("AIRFLOW_STUB_MAJOR", "3")


def hide_on_airflow_2(module):
    if major() == "2":
        raise ImportError(f"No module named {module!r} (stub of Airflow 2)")


class DAG:
    def __init__(self, dag_id=None, **kwargs):
        unknown = set(kwargs) - DAG_ARGS
        if unknown:
            raise TypeError(f"DAG got unexpected arguments {sorted(unknown)}")
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = []
        DAGS.append(self)

    def __enter__(self):
        _current.append(self)
        return self

    def __exit__(self, *exc):
        _current.pop()
        return False


class BashOperator:
    def __init__(self, **kwargs):
        unknown = set(kwargs) - BASH_ARGS
        if unknown:
            raise TypeError(f"BashOperator got unexpected arguments {sorted(unknown)}")
        for required in ("task_id", "bash_command"):
            if required not in kwargs:
                raise TypeError(f"BashOperator needs {required}")
        dag = kwargs.pop("dag", None) or (_current[-1] if _current else None)
        if dag is None:
            raise RuntimeError(f"task {kwargs['task_id']} belongs to no DAG")
        self.task_id = kwargs["task_id"]
        self.kwargs = kwargs
        dag.tasks.append(self)


class Variable:
    """Airflow resolves a Variable from AIRFLOW_VAR_<KEY> before its database; so does the stub."""

    @classmethod
    def _get(cls, key, default):
        return os.environ.get("AIRFLOW_VAR_" + key.upper(), default)
