#!/usr/bin/env python3
"""The table of scripts/bench: reads what its steps left in DIR, prints the table and the ratios, and
writes them with the machine into a Markdown file between `<!-- bench:begin -->` and
`<!-- bench:end -->` (the whole file when it has no markers or does not exist).

    scripts/lib/bench-table.py --dir DIR --scale S --from DATE --day DATE [--doc FILE]
    scripts/lib/bench-table.py layouts --dir DIR --scale S --day DATE --layouts "L1 L2" [--doc FILE]
    scripts/lib/bench-table.py history --dir DIR --scale S --day DATE [--doc FILE]

DIR/measure/<step>.json: wall, CPU, peak RSS of each step's process (scripts/lib/measure.py);
DIR/result/<peer>.json: what the peers measured inside their process; DIR/result/stages.json: the
stages of ops.runs (rows and seconds per stage), one JSON object per line.
"""
import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys

BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def stages(path):
    """The stages of ops.runs in run order: [(command, is_full, stage, rows_in, rows_out, seconds)]."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                out.append((r["command"], "--full" in (r["arguments"] or ""), r["stage"], r["rows_in"],
                            r["rows_out"], r["seconds"]))
    return out


def stage(all_stages, command, name, full=False, last=False):
    found = [s for s in all_stages if s[0] == command and s[2] == name and s[1] == full]
    if not found:
        sys.exit(f"bench-table: no stage {name} of a `{command}` run in ops.runs")
    return found[-1] if last else found[0]


def case_monthly_seconds(log):
    """The seconds MartsJob logged for gold.case_monthly alone in a step's log: its flows brought up to
    date from silver.cases (rebuilt, or moved by the change feed), then the roll-up, identity check and write."""
    text = open(log, encoding="utf-8").read()
    monthly = re.findall(r"gold\.case_monthly (?:rebuilt|refreshed) \S+ \.\. \S+: \d+ rows, identity holds[^;]*; ([0-9.]+) s", text)
    flows = re.findall(r"silver\.case_flows (?:rebuilt from|moved by) \S+; ([0-9.]+) s", text)
    if not monthly:
        return None
    return float(monthly[-1]) + (float(flows[-1]) if flows else 0.0)


def machine():
    def first(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip() or "?"
        except OSError:
            return "?"
    mem_kib = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal:")), 0)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    java = subprocess.run([os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME")
                           else "java", "-version"], capture_output=True, text=True, check=False).stderr
    os_name = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release")
                    if l.startswith("PRETTY_NAME=")), platform.system())
    return [
        ("cores (`nproc`)", first(["nproc"]) + f" ({cpu})"),
        ("memory (`/proc/meminfo` MemTotal)", f"{mem_kib / 1024 / 1024:.1f} GiB"),
        ("Java (`java -version`)", java.strip().splitlines()[0] if java.strip() else "?"),
        ("OS", f"{os_name}, Linux {platform.release()}"),
        ("load average at the end (1, 5, 15 min)", " ".join(f"{x:.2f}" for x in os.getloadavg())),
        ("driver heap (`CCHC_DRIVER_MEMORY`)", os.environ.get("CCHC_DRIVER_MEMORY", "4g")),
        ("commit", first(["git", "-C", os.path.dirname(os.path.abspath(__file__)), "rev-parse", "--short", "HEAD"])),
    ]


def num(x, digits=1):
    return "—" if x is None else f"{x:,.{digits}f}"


def ratio(a, b):
    return "—" if not a or not b else f"{a / b:.2f}x"


def arguments(prog, argv, *required):
    """The arguments every table takes (--dir, --scale, --day, --doc) and the REQUIRED ones of this
    table; returns them and a reader of DIR/measure/<step>.json."""
    p = argparse.ArgumentParser(prog=prog)
    for name in ("--dir", "--scale", "--day") + required:
        p.add_argument(name, required=True)
    p.add_argument("--doc")
    a = p.parse_args(argv)
    return a, lambda step: load(os.path.join(a.dir, "measure", step + ".json"))


def main():
    a, m = arguments("bench-table.py", sys.argv[1:], "--from")
    start = getattr(a, "from")
    r = lambda peer: load(os.path.join(a.dir, "result", peer + ".json"))
    runs = stages(os.path.join(a.dir, "result", "stages.json"))

    ingest, normalize = stage(runs, "ingest", "ingest"), stage(runs, "normalize", "normalize")
    marts_full = stage(runs, "marts", "marts", full=True)
    daily_marts = stage(runs, "run", "marts", last=True)
    daily_ingest = stage(runs, "run", "ingest", last=True)
    plain, duck, check, scan, floor = r("plain-spark"), r("duckdb"), r("check"), r("scan"), r("daily-floor")
    silver_rows = r("export")["silver_rows"]  # what every marts peer reads (marts records only rows out)
    backfill = [m("ingest"), m("normalize"), m("marts")]
    back = {"wall_s": sum(x["wall_s"] for x in backfill), "cpu_s": sum(x["cpu_s"] for x in backfill),
            "max_rss_mib": max(x["max_rss_mib"] for x in backfill)}
    raw_rows = ingest[3]

    rows = []  # step, what, measures, rows, rows counted in
    rows.append(("generate", f"landing zone {start} .. {a.day}, scale {a.scale}", m("generate"), None, ""))
    rows.append(("ingest", "raw → bronze.cases", m("ingest"), ingest[3], "raw records"))
    rows.append(("normalize", "bronze → silver.cases", m("normalize"), normalize[3], "bronze rows"))
    rows.append(("marts", "silver → gold (first build)", m("marts"), silver_rows, "silver rows"))
    rows.append(("**backfill**", "ingest + normalize + marts", back, raw_rows, "raw records"))
    rows.append(("(a) plain Spark", "raw case files as text → Parquet", m("plain-spark"), plain["rows"], "lines"))
    rows.append(("(c) marts --full", "gold.case_monthly rebuilt whole", m("marts-full"), silver_rows, "silver rows"))
    full_case = case_monthly_seconds(os.path.join(a.dir, "log", "marts-full.log"))
    rows.append(("(c) of which case_monthly", "gold.case_monthly alone (MartsJob's log)",
                 {"wall_s": full_case, "cpu_s": None, "max_rss_mib": None}, silver_rows, "silver rows"))
    rows.append(("(b) DuckDB", f"case_monthly counts from Parquet: events and running sums (query "
                 f"{duck['seconds']:.1f} s); the expansion dossiers x months, second line (query "
                 f"{duck['expansion']['seconds']:.1f} s)", m("duckdb"), silver_rows, "silver rows"))
    rows.append(("(d) floor", f"the marts' input columns of silver.cases read and hashed, fastest of 2 runs: "
                 f"Spark from silver.cases {scan['spark_silver']['seconds']:.1f} s, Spark from the export "
                 f"{scan['spark_export']['seconds']:.1f} s, DuckDB from the export {scan['duckdb_export']['seconds']:.1f} s; "
                 f"Spark's CaseMonthly on the export {scan['spark_case_monthly_export']['seconds']:.1f} s",
                 m("scan"), scan["spark_silver"]["rows"], "silver rows"))
    rows.append(("(e) daily floor", f"a fresh JVM touches the {floor['tables_read']} tables a day changes or reads and "
                 f"commits one row to each of the {floor['commits']} it changes that hold one, nothing else (session "
                 f"{floor['session_seconds']:.1f} s after the JVM's start, the tables {floor['tables_seconds']:.1f} s, of which "
                 f"the marts' part {floor['marts_seconds']:.1f} s: silver.cases' change feed read, three tables committed)",
                 m("daily-floor"), None, ""))
    rows.append(("daily run", f"`run --date {a.day}`", m("daily-run"), daily_ingest[3], "raw records"))
    rows.append(("(c) of which marts", "incremental (stage time in ops.runs)",
                 {"wall_s": daily_marts[5], "cpu_s": None, "max_rss_mib": None}, daily_marts[4], "gold rows rewritten"))
    daily_case = case_monthly_seconds(os.path.join(a.dir, "log", "daily-run.log"))
    rows.append(("(c) of which case_monthly", "gold.case_monthly alone, incremental (MartsJob's log)",
                 {"wall_s": daily_case, "cpu_s": None, "max_rss_mib": None}, daily_marts[4], "gold rows rewritten"))

    lines = ["| step | what | wall s | CPU s | peak RSS MiB | rows | rows/s |", "|---|---|--:|--:|--:|--:|--:|"]
    for name, what, meas, n, unit in rows:
        rate = num(n / meas["wall_s"], 0) if n and meas["wall_s"] else "—"
        lines.append(f"| {name} | {what} | {num(meas['wall_s'])} | {num(meas['cpu_s'])} | "
                     f"{num(meas['max_rss_mib'], 0)} | {num(n, 0) + (' ' + unit if n else '')} | {rate} |")

    ratios = [
        ("ingest / plain Spark (wall)", ratio(m("ingest")["wall_s"], m("plain-spark")["wall_s"])),
        ("backfill / plain Spark (wall)", ratio(back["wall_s"], m("plain-spark")["wall_s"])),
        ("backfill / plain Spark (CPU)", ratio(back["cpu_s"], m("plain-spark")["cpu_s"])),
        ("marts --full / DuckDB (process wall, JVM start included)", ratio(m("marts-full")["wall_s"], m("duckdb")["wall_s"])),
        ("marts --full stage / DuckDB query", ratio(marts_full[5], duck["seconds"])),
        ("incremental marts stage / DuckDB query", ratio(daily_marts[5], duck["seconds"])),
        ("case_monthly alone, full / DuckDB query", ratio(full_case, duck["seconds"])),
        ("case_monthly alone, incremental / DuckDB query", ratio(daily_case, duck["seconds"])),
        ("case_monthly alone, full / DuckDB expansion query (the weaker peer)",
         ratio(full_case, duck["expansion"]["seconds"])),
        ("(d) the same scan of the same export, Spark / DuckDB",
         ratio(scan["spark_export"]["seconds"], scan["duckdb_export"]["seconds"])),
        ("(d) the same counts from the same export, Spark's CaseMonthly / DuckDB query",
         ratio(scan["spark_case_monthly_export"]["seconds"], duck["seconds"])),
        ("(d) Spark's read of the marts' inputs in silver.cases / DuckDB query",
         ratio(scan["spark_silver"]["seconds"], duck["seconds"])),
        ("daily run / (e) its floor (process wall)", ratio(m("daily-run")["wall_s"], m("daily-floor")["wall_s"])),
        ("incremental marts stage / (e) its marts part", ratio(daily_marts[5], floor["marts_seconds"])),
    ]
    lines += ["", "| ratio | value |", "|---|--:|"] + [f"| {k} | {v} |" for k, v in ratios]

    status = check["status"]
    def found(c):
        text = (f"{c['gold_rows']:,} rows of gold.case_monthly, {c['duckdb_rows']:,} from DuckDB; "
                f"only in gold {c['only_in_gold']}, only in DuckDB {c['only_in_duckdb']}; "
                f"{c['counts_compared']} counts compared on every row")
        if c["rows_differing_by_count"]:
            text += "; rows differing, per count: " + c["rows_differing_by_count"]
        return text
    detail = (f"events and running sums: {check['events_status']} ({found(check)}); the expansion: "
              f"{check['expansion']['status']} ({found(check['expansion'])})")
    lines += ["", f"DuckDB cross-check (every scope and sector, DuckDB {duck['version']}, "
              f"{duck['threads']} threads, both queries): **{status}**: {detail}."]

    full_year = start == "2021-01-01" and float(a.scale) == 1.0
    def target(what, value, ok):
        verdict = ("met" if ok else "not met") if full_year else "not yet measured at scale 1"
        return f"| {what} | {value} | {verdict} |"
    plain_wall = m("plain-spark")["wall_s"]
    daily = m("daily-run")["wall_s"]
    floor_wall = m("daily-floor")["wall_s"]
    lines += ["", "| target (issue 18) | this run | at scale 1 |", "|---|--:|---|",
              target("P1: the 2021 year raw to gold < 15 min", f"{back['wall_s'] / 60:.1f} min", back["wall_s"] < 900),
              target("P1: backfill within 3x of plain Spark", ratio(back["wall_s"], plain_wall),
                     back["wall_s"] <= 3 * plain_wall),
              target("P2: daily run < 60 s, JVM start included", f"{daily:.1f} s", daily < 60),
              target("P2's floor: (e) < 60 s, JVM start included", f"{floor_wall:.1f} s", floor_wall < 60),
              target("P3: marts --full stage within 2x of the strong DuckDB query", ratio(marts_full[5], duck["seconds"]),
                     marts_full[5] <= 2 * duck["seconds"]),
              target("P3's floor: Spark's read alone of the marts' inputs in silver.cases within 2x of that query",
                     ratio(scan["spark_silver"]["seconds"], duck["seconds"]),
                     scan["spark_silver"]["seconds"] <= 2 * duck["seconds"]),
              target("P3: incremental marts stage faster than DuckDB's full query", ratio(daily_marts[5], duck["seconds"]),
                     daily_marts[5] < duck["seconds"]),
              target("P3's floor: (e)'s marts part (the feed read, three one-row commits, a warm JVM) faster than that query",
                     ratio(floor["marts_seconds"], duck["seconds"]), floor["marts_seconds"] < duck["seconds"]),
              target("P4: runs in a 4 GiB driver",
                     f"heap {os.environ.get('CCHC_DRIVER_MEMORY', '4g')}, peak RSS {num(max(back['max_rss_mib'], m('daily-run')['max_rss_mib']), 0)} MiB",
                     os.environ.get("CCHC_DRIVER_MEMORY", "4g") in ("4g", "4G", "4096m"))]

    if float(a.scale) == 0.01 and start == "2021-01-01":  # P2's second budget is judged on `--quick`
        lines += [f"| P2 at scale 0.01: daily run < 30 s | {daily:.1f} s | {'met' if daily < 30 else 'not met'} (at 0.01) |",
                  f"| P2's floor at scale 0.01: (e) < 30 s | {floor_wall:.1f} s | "
                  f"{'met' if floor_wall < 30 else 'not met: the floor alone takes the budget'} (at 0.01) |"]

    table = "\n".join(lines)
    print(table)
    if a.doc:
        write_doc(a.doc, BEGIN, END, f"`scripts/bench --scale {a.scale} --from {start}`", table)


def write_doc(doc, begin, end, command, table):
    """Writes the table, with when and where it ran, between the markers of DOC (the whole file without them)."""
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    block = "\n".join([begin, f"{command}, {when}, on:", "", "| machine | |", "|---|---|"]
                      + [f"| {k} | {v} |" for k, v in machine()] + ["", table, end])
    text = open(doc, encoding="utf-8").read() if os.path.exists(doc) else ""
    if begin in text and end in text:
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = block + "\n"
    with open(doc, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"bench: written to {doc}", file=sys.stderr)


LAYOUT_BEGIN, LAYOUT_END = "<!-- layout:begin -->", "<!-- layout:end -->"


def layouts_main(argv):
    """The table of scripts/bench-layout: one column per layout of silver.cases."""
    a, m = arguments("bench-table.py layouts", argv, "--layouts")
    names = a.layouts.split()
    q = {l: load(os.path.join(a.dir, "result", l + "-queries.json")) for l in names}
    sums = dict(line.split(" ", 1) for line in open(os.path.join(a.dir, "result", "checksums.txt"),
                                                     encoding="utf-8").read().split("\n") if line.strip())
    base = names[0]
    head = "| | " + " | ".join(f"`{l}`" for l in names) + " |"
    lines = [head, "|---|" + "--:|" * len(names)]

    def row(label, value):
        lines.append(f"| {label} | " + " | ".join(value(l) for l in names) + " |")

    def wall(step):
        return lambda l: num(m(f"{l}-{step}")["wall_s"]) + (
            "" if l == base else f" ({ratio(m(f'{l}-{step}')['wall_s'], m(f'{base}-{step}')['wall_s'])})")

    row("layout on storage", lambda l: (f"partitioned by {q[l]['partition_columns']}" if q[l]["partition_columns"]
                                        else "") + (f"clustered by {q[l]['clustering_columns']}"
                                                    if q[l]["clustering_columns"] else ""))
    row("normalize, the year (wall s)", wall("normalize"))
    row("marts, first build (wall s)", wall("marts"))
    row("maintain after the backfill (wall s)", wall("maintain"))
    row(f"daily run `run --date {a.day}` (wall s)", wall("daily-run"))
    row("of which the MERGE into silver.cases (s, Delta's executionTimeMs)",
        lambda l: num(q[l].get("merge_executionTimeMs", 0) / 1000))
    row("daily MERGE: source rows", lambda l: num(q[l].get("merge_numSourceRows"), 0))
    row("daily MERGE: files added / removed / deletion vectors",
        lambda l: f"{q[l].get('merge_numTargetFilesAdded', 0):,} / {q[l].get('merge_numTargetFilesRemoved', 0):,}"
                  f" / {q[l].get('merge_numTargetDeletionVectorsAdded', 0):,}")
    row("silver.cases files after the daily run", lambda l: num(q[l]["table_files"], 0))
    row("silver.cases MiB", lambda l: num(q[l]["table_bytes"] / 1048576))
    for i in range(1, q[base]["queries"] + 1):
        row(f"query: {q[base][f'q{i}_name']} (median s; files, MiB scanned)",
            lambda l, i=i: f"{q[l][f'q{i}_seconds']:.2f}; {q[l][f'q{i}_files']:,}, "
                           f"{num(q[l][f'q{i}_bytes'] / 1048576)}")
    row("peak RSS of the daily run (MiB)", lambda l: num(m(f"{l}-daily-run")["max_rss_mib"], 0))
    row("gold.case_monthly (rows, checksum)", lambda l: f"`{sums.get(l, '?')}`")
    same = len(set(sums.values())) == 1
    lines += ["", "Every layout gives the same gold.case_monthly: **" + ("yes" if same else "NO") + "**. "
              f"Ingest (layout-independent, shared): {num(m('ingest')['wall_s'])} s; generate: "
              f"{num(m('generate')['wall_s'])} s."]
    table = "\n".join(lines)
    print(table)
    if a.doc:
        write_doc(a.doc, LAYOUT_BEGIN, LAYOUT_END,
                  f"`scripts/bench-layout --scale {a.scale}` (2021-01-01 .. {a.day}, queries: median of "
                  f"{q[base]['repeats']})", table)
    return 0 if same else 1

HISTORY_BEGIN, HISTORY_END = "<!-- history:begin -->", "<!-- history:end -->"


def history_main(argv):
    """The table of scripts/bench-history: a one-day run after one year of history and after three."""
    a, m = arguments("bench-table.py history", argv)
    cols = ["1y", "3y"]
    runs, silver = {}, {}
    for c in cols:
        runs[c] = stages(os.path.join(a.dir, "result", c + "-stages.json"))
        with open(os.path.join(a.dir, "result", c + "-stages.json"), encoding="utf-8") as f:
            silver[c] = json.loads(f.readline())["silver_rows"]
    lines = ["| | 1 year of history (2023) | 3 years (2021-2023) | 3y / 1y |", "|---|--:|--:|--:|"]

    def row(label, values, digits=1):
        lines.append(f"| {label} | {num(values[0], digits)} | {num(values[1], digits)} | {ratio(values[1], values[0])} |")

    row("silver.cases rows after the day", [silver[c] for c in cols], 0)
    row("backfill `run` (wall s)", [m(f"{c}-backfill")["wall_s"] for c in cols])
    row(f"**one-day run** `run --date {a.day}` (wall s)", [m(f"{c}-daily-run")["wall_s"] for c in cols])
    for name in ("ingest", "normalize", "marts"):
        row(f"of which {name} (stage s, ops.runs)", [stage(runs[c], "run", name, last=True)[5] for c in cols])
    row("raw records of the day", [stage(runs[c], "run", "ingest", last=True)[3] for c in cols], 0)
    row("peak RSS of the one-day run (MiB)", [m(f"{c}-daily-run")["max_rss_mib"] for c in cols], 0)
    growth = m("3y-daily-run")["wall_s"] / m("1y-daily-run")["wall_s"]
    lines += ["", f"Target: a one-day run grows less than 1.2x from one to three years of history: "
              f"**{growth:.2f}x, {'met' if growth < 1.2 else 'not met'}** at this scale."]
    table = "\n".join(lines)
    print(table)
    if a.doc:
        write_doc(a.doc, HISTORY_BEGIN, HISTORY_END, f"`scripts/bench-history --scale {a.scale}`", table)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "layouts":
        sys.exit(layouts_main(sys.argv[2:]))
    if len(sys.argv) > 1 and sys.argv[1] == "history":
        sys.exit(history_main(sys.argv[2:]))
    main()
