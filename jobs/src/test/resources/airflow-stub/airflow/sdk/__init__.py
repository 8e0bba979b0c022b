from airflow import _stub
from airflow._stub import DAG  # noqa: F401

_stub.hide_on_airflow_2("airflow.sdk")
_NOTSET = object()


class Variable(_stub.Variable):
    @classmethod
    def get(cls, key, default=_NOTSET, deserialize_json=False):  # Airflow 3's signature
        value = cls._get(key, None if default is _NOTSET else default)
        if value is None and default is _NOTSET:
            raise KeyError(f"Variable {key} does not exist")
        return value
