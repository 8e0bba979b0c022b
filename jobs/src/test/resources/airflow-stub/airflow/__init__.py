"""Stub of the `airflow` package for the DAG tests (see _stub.py)."""

from airflow._stub import DAG  # noqa: F401
