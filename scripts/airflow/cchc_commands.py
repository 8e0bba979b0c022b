"""The pipeline's commands, as written once in commands.json, rendered for given values.

The scheduler's DAGs (cchc_pipeline.py) and CI read the same file, so what runs in production is
what the tests run. Pure Python 3 (3.8+), standard library only, no side effect on import.

As a program it prints one rendered command as a JSON list on one line:

    python3 scripts/airflow/cchc_commands.py daily --date 2021-03-29 \\
        --conf conf/local.conf --raw data/raw --warehouse data/warehouse
    python3 scripts/airflow/cchc_commands.py --list

Exit codes: 0 done, 2 usage error (unknown command, a value missing or not expected).
"""

import argparse
import json
import re
import sys
from pathlib import Path

COMMANDS_JSON = Path(__file__).resolve().parent / "commands.json"

_FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class Commands:
    """The commands of one commands.json: name -> argv template."""

    def __init__(self, templates, placeholders):
        self._templates = templates
        self.placeholders = placeholders

    @classmethod
    def load(cls, path=COMMANDS_JSON):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        templates = doc["commands"]
        placeholders = doc.get("placeholders", {})
        for name, argv in templates.items():
            if not isinstance(argv, list) or not all(isinstance(a, str) for a in argv) or not argv:
                raise ValueError(f"{path}: command {name!r} is not a non-empty list of strings")
            unknown = cls._fields_of(argv) - set(placeholders)
            if unknown:
                raise ValueError(f"{path}: command {name!r} uses undeclared fields {sorted(unknown)}")
        return cls(templates, placeholders)

    @property
    def names(self):
        return sorted(self._templates)

    def fields(self, name):
        """The {fields} command `name` needs, in order of first use."""
        seen = []
        for arg in self._template(name):
            for field in _FIELD.findall(arg):
                if field not in seen:
                    seen.append(field)
        return seen

    def render(self, name, **values):
        """The argv of command `name` with every {field} replaced by values[field].

        Raises ValueError when a field has no value or a value matches no field: a caller that
        passes something the command ignores has misunderstood the command.
        """
        needed = self.fields(name)
        missing = [f for f in needed if values.get(f) is None]
        extra = sorted(set(values) - set(needed))
        if missing or extra:
            raise ValueError(f"command {name!r}: missing values {missing}, unexpected values {extra}")
        return [_FIELD.sub(lambda m: str(values[m.group(1)]), arg) for arg in self._template(name)]

    def _template(self, name):
        if name not in self._templates:
            raise ValueError(f"no command {name!r} in commands.json; there are {self.names}")
        return self._templates[name]

    @staticmethod
    def _fields_of(argv):
        return {field for arg in argv for field in _FIELD.findall(arg)}


def render(name, commands_json=COMMANDS_JSON, **values):
    """Shorthand: Commands.load(commands_json).render(name, **values)."""
    return Commands.load(commands_json).render(name, **values)


def main(argv=None):
    args = list(sys.argv[1:] if argv is None else argv)
    path = COMMANDS_JSON
    if len(args) >= 2 and args[0] == "--commands":
        path, args = Path(args[1]), args[2:]
    commands = Commands.load(path)
    if args[:1] in (["--list"], ["-l"]):
        print("\n".join(f"{n} {' '.join('--' + f + ' ' + f.upper() for f in commands.fields(n))}"
                        for n in commands.names))
        return 0
    if not args or args[0].startswith("-") or args[0] not in commands.names:
        print(f"usage: cchc_commands.py [--commands FILE] (--list | COMMAND --FIELD VALUE ...);"
              f" commands: {', '.join(commands.names)}", file=sys.stderr)
        return 2
    name = args[0]
    parser = argparse.ArgumentParser(prog=f"cchc_commands.py {name}",
                                     description=f"Print the argv of {name!r} as one JSON line.")
    for field in commands.fields(name):
        parser.add_argument(f"--{field}", dest=field, required=True,
                            help=commands.placeholders.get(field, ""))
    values = vars(parser.parse_args(args[1:]))  # exits 2 on a missing or unknown option
    print(json.dumps(commands.render(name, **values), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
