-- gold.case_monthly's counts in DuckDB, written from docs/MARTS.md's definitions rather than from
-- CaseMonthly's event algebra: one row per dossier and month in which it is open or received, then
-- the counts of every scope and sector by GROUPING SETS (the second line of the benchmark; the
-- peer of its ratios is case_monthly_events.sql). Reads case_monthly_input.sql's silver and win.

CREATE TABLE duck_case_monthly AS
WITH
-- refused (3) and newly registered (1) dossiers count nowhere
dossier AS (
  SELECT agency_code, level, district_code, coalesce(sector, 'unknown') AS sector, channel, online_level,
         status_code IN (9, 10) AS finished, status_code IN (7, 8) AS withdrawn_or_stopped,
         received_at, due_at, resolved_at, interagency, e_circulated, prior_documents, data_reused, digitised,
         paid_online, device, eid_verified, apology_letter, rating,
         local_month(received_at) AS received_month, local_month(closed_at) AS closed_month,
         local_month(due_at) AS due_month
  FROM silver
  WHERE status_code IS NOT NULL AND status_code NOT IN (1, 3)
),
-- every month from receipt to closing (or the window's end): received, carried over, or closed in it
dossier_month AS (
  SELECT * EXCLUDE (month), month::DATE AS period_month
  FROM (SELECT d.*, unnest(generate_series(received_month::TIMESTAMP,
                                           least(coalesce(closed_month, last_month), last_month)::TIMESTAMP,
                                           INTERVAL 1 MONTH)) AS month
        FROM dossier d, win)
),
flags AS (
  SELECT *,
         received_month = period_month AS received_now,
         closed_month = period_month AS closed_now,
         closed_month IS NULL OR closed_month > period_month AS open_at_end,
         local_day(resolved_at) < local_day(due_at) AS early
  FROM dossier_month
)
SELECT period_month,
       CASE WHEN GROUPING(agency_code) = 0 THEN 'agency' WHEN GROUPING(district_code) = 0 THEN 'district'
            WHEN GROUPING(level) = 0 THEN 'level' ELSE 'city' END AS scope_type,
       CASE WHEN GROUPING(agency_code) = 0 THEN agency_code WHEN GROUPING(district_code) = 0 THEN district_code
            WHEN GROUPING(level) = 0 THEN level ELSE 'HCM' END AS scope_code,
       CASE WHEN GROUPING(sector) = 0 THEN sector ELSE '*' END AS sector,
       count(*) FILTER (received_month < period_month) AS carried_over,
       count(*) FILTER (received_now) AS received_new,
       count(*) FILTER (received_now AND channel = 'desk') AS received_desk,
       count(*) FILTER (received_now AND channel = 'online') AS received_online,
       count(*) FILTER (received_now AND channel = 'postal') AS received_postal,
       count(*) FILTER (received_now AND online_level = 'full') AS received_full_online,
       count(*) FILTER (received_now AND online_level = 'partial') AS received_partial_online,
       count(*) FILTER (closed_now AND finished) AS resolved,
       count(*) FILTER (closed_now AND finished AND early) AS resolved_early,
       count(*) FILTER (closed_now AND finished AND NOT early AND resolved_at <= due_at) AS resolved_on_time,
       count(*) FILTER (closed_now AND finished AND resolved_at > due_at) AS resolved_late,
       count(*) FILTER (closed_now AND finished AND resolved_at > due_at AND apology_letter) AS late_with_apology,
       count(*) FILTER (closed_now AND withdrawn_or_stopped) AS withdrawn,
       count(*) FILTER (open_at_end) AS pending_end,
       count(*) FILTER (open_at_end AND due_month <= period_month) AS pending_overdue,
       count(*) FILTER (open_at_end AND NOT coalesce(due_month <= period_month, false)) AS pending_in_time,
       count(*) FILTER (received_now AND interagency) AS interagency,
       count(*) FILTER (received_now AND interagency AND e_circulated) AS e_circulated,
       count(*) FILTER (received_now AND prior_documents) AS prior_documents,
       count(*) FILTER (received_now AND prior_documents AND data_reused) AS data_reused,
       count(*) FILTER (received_now AND digitised) AS digitised,
       count(*) FILTER (received_now AND paid_online) AS paid_online,
       count(*) FILTER (received_now AND device = 'mobile') AS mobile,
       count(*) FILTER (received_now AND channel = 'online' AND eid_verified) AS eid_verified,
       count(*) FILTER (closed_now AND finished AND rating > 0) AS rated,
       count(*) FILTER (closed_now AND finished AND rating IN (1, 2)) AS rated_satisfied
FROM flags
GROUP BY GROUPING SETS ((period_month, agency_code, sector), (period_month, agency_code),
                        (period_month, district_code, sector), (period_month, district_code),
                        (period_month, level, sector), (period_month, level),
                        (period_month, sector), (period_month))
-- a city department is in no district
HAVING NOT (GROUPING(district_code) = 0 AND district_code IS NULL);

COPY duck_case_monthly TO '${result}' (FORMAT parquet);
