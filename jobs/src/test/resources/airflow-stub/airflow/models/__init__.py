from airflow import _stub


class Variable(_stub.Variable):
    @classmethod
    def get(cls, key, default_var=None, deserialize_json=False):  # Airflow 2's signature
        return cls._get(key, default_var)
