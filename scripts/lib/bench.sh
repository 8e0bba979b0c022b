# Sourced by scripts/bench, scripts/bench-marts and scripts/bench-cluster: one measured step, the
# checksum that says two warehouses hold the same gold.case_monthly, and a day held back from the
# landing zone for a daily run. Expects ROOT, DIR and CCHC.

MEASURE="$ROOT/scripts/lib/measure.py"

# timed LABEL COMMAND...: runs the command, its stderr in $DIR/log/<label>.log (the stages' one-line
# summaries also on the terminal), its wall / CPU / peak RSS in $DIR/measure/<label>.json, and one
# line per step in $DIR/summary.txt. Returns the command's exit code.
timed() {
  local label=$1; shift
  local slug=${label//[^A-Za-z0-9._-]/-}
  mkdir -p "$DIR/log" "$DIR/measure"
  local code=0
  python3 "$MEASURE" --json "$DIR/measure/$slug.json" -- "$@" \
    2> >(tee -a "$DIR/log/$slug.log" | grep --line-buffered -E "(ingest|normalize|marts|bench):" >&2) || code=$?
  python3 -c 'import json, sys
m = json.load(open(sys.argv[2]))
print("%-40s %8.1f s wall %8.1f s cpu %7.0f MiB peak" % (sys.argv[1], m["wall_s"], m["cpu_s"], m["max_rss_mib"]))' \
    "$label" "$DIR/measure/$slug.json" | tee -a "$DIR/summary.txt"
  if [[ $code -ne 0 ]]; then
    echo "$label failed (exit $code); its log: $DIR/log/$slug.log" >&2
  fi
  return "$code"
}

# case_monthly_checksum WAREHOUSE: "rows,checksum" of gold.case_monthly, independent of row order
case_monthly_checksum() {
  "$CCHC" sql --warehouse "$1" \
    "SELECT count(*) AS row_count, bit_xor(xxhash64(to_json(struct(*)))) AS checksum FROM gold.case_monthly" | tail -1
}

# hold_back_day ALL RAW DAY: RAW becomes ALL (hard links) less the case exports of DAY (yyyy/MM/dd),
# for a daily run after the history; add_day ALL RAW DAY puts them in.
hold_back_day() {
  mkdir -p "$2"
  cp -al "$1/." "$2/"
  rm -rf "$2/cases/dvc/$3" "$2/cases/legacy/$3"
}
add_day() {
  local feed
  for feed in dvc legacy; do
    if [[ -d "$1/cases/$feed/$3" ]]; then
      mkdir -p "$2/cases/$feed/$3" && cp -al "$1/cases/$feed/$3/." "$2/cases/$feed/$3/"
    fi
  done
}
