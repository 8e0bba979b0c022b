"""Loads notebooks/cchc_sql.py as Jupyter would, with stand-ins for IPython's shell, pandas and
scripts/cchc, runs the %%cchc_sql magic on a cell and prints what happened as JSON.

Usage: run_magic.py NOTEBOOKS_DIR STUB_LAUNCHER LINE CELL
"""
import json
import pathlib
import sys
import types

notebooks, launcher, line, cell = sys.argv[1:5]
sys.path.insert(0, notebooks)
pandas = types.ModuleType("pandas")
pandas.read_csv = lambda buffer, **options: {"csv": buffer.read(), "options": sorted(options)}
sys.modules["pandas"] = pandas

import cchc_sql  # noqa: E402

cchc_sql.LAUNCHER = pathlib.Path(launcher)


class Shell:
    def __init__(self):
        self.magics = {}
        self.user_ns = {}

    def register_magic_function(self, function, magic_kind, magic_name):
        self.magics[(magic_kind, magic_name)] = function


shell = Shell()
cchc_sql.load_ipython_extension(shell)
out = {"magics": sorted(kind + ":" + name for kind, name in shell.magics)}
try:
    out["returned"] = shell.magics[("cell", "cchc_sql")](line, cell)
except (RuntimeError, ValueError) as e:
    out["error"] = type(e).__name__ + ": " + str(e)
out["variables"] = sorted(shell.user_ns)
print(json.dumps(out))
