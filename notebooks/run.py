"""Runs every notebook of this folder in a real Jupyter kernel, top to bottom, and keeps what it made.

    python notebooks/run.py OUT [NOTEBOOK ...]

For each notebook (default: every *.ipynb here), in a kernel of this Python (ipykernel) started in
this folder, as Jupyter does: every cell runs; a cell that raises stops the run with exit code 1 and
names the cell. Written to OUT: the executed notebook (outputs included), each chart a cell drew
as NAME-cellN.png, and results.json, every %%cchc_sql result of every notebook: its query, columns
and rows (dates as YYYY-MM-DD, instants as ISO text, numbers as numbers) and the way it came
("serve" or "sql"), for a test to compare.
The cells find the warehouse as they would for an analyst: CCHC_CONNECT / CCHC_WAREHOUSE
(notebooks/cchc_sql.py). Needs nbclient and ipykernel (scripts/airflow/install).
"""

import base64
import json
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = Path(__file__).resolve().parent

# appended to each notebook while it runs, never saved: the session's %%cchc_sql results as JSON
_DUMP = """
import json as _json, cchc_sql as _cchc_sql
def _plain(v):
    if v is None or (isinstance(v, float) and v != v):
        return None
    if type(v).__name__ == "Decimal":
        return float(v)
    if hasattr(v, "item"):
        v = v.item()
    if hasattr(v, "isoformat"):
        text = v.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return v
print(_json.dumps([{"query": q, "via": via, "columns": [str(c) for c in f.columns],
                    "rows": [[_plain(v) for v in row] for row in f.itertuples(index=False, name=None)]}
                   for q, f, via in _cchc_sql.RESULTS]))
"""


def run(notebook, out):
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(_DUMP))
    client = NotebookClient(nb, kernel_name="python3", timeout=600, resources={"metadata": {"path": str(HERE)}})
    started = time.monotonic()
    try:
        client.execute()
    except CellExecutionError as e:
        print(f"run.py: {notebook.name}: {str(e).strip().splitlines()[-1]}", file=sys.stderr)
        raise SystemExit(1) from None
    dumped = nb.cells.pop()
    results = json.loads("".join(o.get("text", "") for o in dumped.outputs if o.get("name") == "stdout"))
    charts = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png:
                path = out / f"{notebook.stem}-cell{index}.png"
                path.write_bytes(base64.b64decode(png))
                charts.append(path.name)
    nbformat.write(nb, out / notebook.name)
    return {"notebook": notebook.name, "seconds": round(time.monotonic() - started, 1), "charts": charts,
            "results": results}


def main(argv):
    if not argv:
        print("usage: python notebooks/run.py OUT [NOTEBOOK ...]", file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    notebooks = [Path(a) for a in argv[1:]] or sorted(HERE.glob("*.ipynb"))
    runs = [run(nb.resolve(), out) for nb in notebooks]
    (out / "results.json").write_text(json.dumps(runs, ensure_ascii=False, indent=1), encoding="utf-8")
    for r in runs:
        print(f"run.py: {r['notebook']}: {len(r['results'])} results, charts {r['charts']}, {r['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
