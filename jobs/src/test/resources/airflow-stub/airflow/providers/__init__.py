"""Stub: the providers namespace (see airflow/_stub.py)."""
