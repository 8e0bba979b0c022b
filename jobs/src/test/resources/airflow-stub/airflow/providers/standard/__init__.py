from airflow import _stub

_stub.hide_on_airflow_2("airflow.providers.standard")
