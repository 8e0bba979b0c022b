from airflow._stub import BashOperator  # noqa: F401
