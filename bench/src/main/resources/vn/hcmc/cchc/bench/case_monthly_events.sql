-- gold.case_monthly's counts in DuckDB as events and running sums: the strong peer. Each dossier
-- gives at most three events (its receipt, its closing, the month its deadline passes while it is
-- open), summed per agency and month, rolled up by GROUPING SETS; running sums over the months give
-- the stocks. The same counts as case_monthly.sql (the expansion of dossiers x months, kept beside it
-- as the second line) with work proportional to dossiers, not to dossiers x months. Reads
-- case_monthly_input.sql's silver and win; the same output.

CREATE TABLE duck_case_monthly AS
WITH
-- refused (3) and newly registered (1) dossiers count nowhere
dossier AS (
  SELECT agency_code, level, district_code, coalesce(sector, 'unknown') AS sector,
         coalesce(channel = 'desk', false) AS desk, coalesce(channel = 'online', false) AS online,
         coalesce(channel = 'postal', false) AS postal, coalesce(online_level = 'full', false) AS full_online,
         coalesce(online_level = 'partial', false) AS partial_online,
         coalesce(interagency, false) AS interagency, coalesce(e_circulated, false) AS e_circulated,
         coalesce(prior_documents, false) AS prior_documents, coalesce(data_reused, false) AS data_reused,
         coalesce(digitised, false) AS digitised, coalesce(paid_online, false) AS paid_online,
         coalesce(device = 'mobile', false) AS mobile, coalesce(eid_verified, false) AS eid_verified,
         status_code IN (9, 10) AS finished, status_code IN (7, 8) AS withdrawn_or_stopped,
         coalesce(local_day(resolved_at) < local_day(due_at), false) AS early,
         coalesce(resolved_at <= due_at, false) AS not_late, coalesce(resolved_at > due_at, false) AS late,
         coalesce(apology_letter, false) AS apology, coalesce(rating > 0, false) AS rated,
         coalesce(rating IN (1, 2), false) AS satisfied,
         local_month(received_at) AS received_month, local_month(closed_at) AS closed_month,
         CASE WHEN due_at IS NOT NULL THEN greatest(local_month(received_at), local_month(due_at)) END AS overdue_month
  FROM silver
  WHERE status_code IS NOT NULL AND status_code NOT IN (1, 3)
),
events AS (
  SELECT agency_code, level, district_code, sector, received_month AS m, 1 AS open_change, 0 AS overdue_change,
         1 AS received_new, desk::INT AS received_desk, online::INT AS received_online, postal::INT AS received_postal,
         full_online::INT AS received_full_online, partial_online::INT AS received_partial_online,
         interagency::INT AS interagency, (interagency AND e_circulated)::INT AS e_circulated,
         prior_documents::INT AS prior_documents, (prior_documents AND data_reused)::INT AS data_reused,
         digitised::INT AS digitised, paid_online::INT AS paid_online, mobile::INT AS mobile,
         (online AND eid_verified)::INT AS eid_verified
  FROM dossier
  UNION ALL BY NAME
  SELECT agency_code, level, district_code, sector, closed_month AS m, -1 AS open_change,
         CASE WHEN closed_month > overdue_month THEN -1 ELSE 0 END AS overdue_change,
         finished::INT AS resolved, (finished AND early)::INT AS resolved_early,
         (finished AND NOT early AND not_late)::INT AS resolved_on_time, (finished AND late)::INT AS resolved_late,
         (finished AND late AND apology)::INT AS late_with_apology, withdrawn_or_stopped::INT AS withdrawn,
         (finished AND rated)::INT AS rated, (finished AND satisfied)::INT AS rated_satisfied
  FROM dossier
  WHERE closed_month IS NOT NULL
  UNION ALL BY NAME
  SELECT agency_code, level, district_code, sector, overdue_month AS m, 0 AS open_change, 1 AS overdue_change
  FROM dossier
  WHERE overdue_month IS NOT NULL AND (closed_month IS NULL OR closed_month > overdue_month)
),
by_agency AS (
  SELECT agency_code, level, district_code, sector, m,
         sum(open_change) AS open_change, sum(overdue_change) AS overdue_change,
         sum(received_new) AS received_new, sum(received_desk) AS received_desk,
         sum(received_online) AS received_online, sum(received_postal) AS received_postal,
         sum(received_full_online) AS received_full_online, sum(received_partial_online) AS received_partial_online,
         sum(resolved) AS resolved, sum(resolved_early) AS resolved_early, sum(resolved_on_time) AS resolved_on_time,
         sum(resolved_late) AS resolved_late, sum(late_with_apology) AS late_with_apology, sum(withdrawn) AS withdrawn,
         sum(interagency) AS interagency, sum(e_circulated) AS e_circulated, sum(prior_documents) AS prior_documents,
         sum(data_reused) AS data_reused, sum(digitised) AS digitised, sum(paid_online) AS paid_online,
         sum(mobile) AS mobile, sum(eid_verified) AS eid_verified, sum(rated) AS rated,
         sum(rated_satisfied) AS rated_satisfied
  FROM events, win
  WHERE m <= last_month
  GROUP BY ALL
),
by_scope AS (
  SELECT m,
         CASE WHEN GROUPING(agency_code) = 0 THEN 'agency' WHEN GROUPING(district_code) = 0 THEN 'district'
              WHEN GROUPING(level) = 0 THEN 'level' ELSE 'city' END AS scope_type,
         CASE WHEN GROUPING(agency_code) = 0 THEN agency_code WHEN GROUPING(district_code) = 0 THEN district_code
              WHEN GROUPING(level) = 0 THEN level ELSE 'HCM' END AS scope_code,
         CASE WHEN GROUPING(sector) = 0 THEN sector ELSE '*' END AS sector,
         sum(open_change) AS open_change, sum(overdue_change) AS overdue_change, sum(received_new) AS received_new,
         sum(received_desk) AS received_desk, sum(received_online) AS received_online, sum(received_postal) AS received_postal,
         sum(received_full_online) AS received_full_online, sum(received_partial_online) AS received_partial_online, sum(resolved) AS resolved,
         sum(resolved_early) AS resolved_early, sum(resolved_on_time) AS resolved_on_time, sum(resolved_late) AS resolved_late,
         sum(late_with_apology) AS late_with_apology, sum(withdrawn) AS withdrawn, sum(interagency) AS interagency,
         sum(e_circulated) AS e_circulated, sum(prior_documents) AS prior_documents, sum(data_reused) AS data_reused,
         sum(digitised) AS digitised, sum(paid_online) AS paid_online, sum(mobile) AS mobile,
         sum(eid_verified) AS eid_verified, sum(rated) AS rated, sum(rated_satisfied) AS rated_satisfied
  FROM by_agency
  GROUP BY GROUPING SETS ((m, agency_code, sector), (m, agency_code), (m, district_code, sector), (m, district_code),
                          (m, level, sector), (m, level), (m, sector), (m))
  HAVING NOT (GROUPING(district_code) = 0 AND district_code IS NULL)
),
-- every month from a scope's first event to the window's end, its events (if any) beside it
grid AS (
  SELECT k.scope_type, k.scope_code, k.sector,
         unnest(generate_series(k.first_m::TIMESTAMP, win.last_month::TIMESTAMP, INTERVAL 1 MONTH))::DATE AS period_month
  FROM (SELECT scope_type, scope_code, sector, min(m) AS first_m FROM by_scope GROUP BY ALL) k, win
),
stocks AS (
  SELECT g.period_month, g.scope_type, g.scope_code, g.sector, b.* EXCLUDE (m, scope_type, scope_code, sector),
         sum(coalesce(b.open_change, 0)) OVER w AS pending_end,
         sum(coalesce(b.overdue_change, 0)) OVER w AS pending_overdue
  FROM grid g
  LEFT JOIN by_scope b ON b.scope_type = g.scope_type AND b.scope_code = g.scope_code AND b.sector = g.sector
                       AND b.m = g.period_month
  WINDOW w AS (PARTITION BY g.scope_type, g.scope_code, g.sector ORDER BY g.period_month
               ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
),
counts AS (
  SELECT period_month, scope_type, scope_code, sector,
         (pending_end - coalesce(open_change, 0))::BIGINT AS carried_over,
         coalesce(received_new, 0)::BIGINT AS received_new, coalesce(received_desk, 0)::BIGINT AS received_desk,
         coalesce(received_online, 0)::BIGINT AS received_online, coalesce(received_postal, 0)::BIGINT AS received_postal,
         coalesce(received_full_online, 0)::BIGINT AS received_full_online,
         coalesce(received_partial_online, 0)::BIGINT AS received_partial_online,
         coalesce(resolved, 0)::BIGINT AS resolved, coalesce(resolved_early, 0)::BIGINT AS resolved_early,
         coalesce(resolved_on_time, 0)::BIGINT AS resolved_on_time, coalesce(resolved_late, 0)::BIGINT AS resolved_late,
         coalesce(late_with_apology, 0)::BIGINT AS late_with_apology, coalesce(withdrawn, 0)::BIGINT AS withdrawn,
         pending_end::BIGINT AS pending_end, pending_overdue::BIGINT AS pending_overdue,
         (pending_end - pending_overdue)::BIGINT AS pending_in_time,
         coalesce(interagency, 0)::BIGINT AS interagency, coalesce(e_circulated, 0)::BIGINT AS e_circulated,
         coalesce(prior_documents, 0)::BIGINT AS prior_documents, coalesce(data_reused, 0)::BIGINT AS data_reused,
         coalesce(digitised, 0)::BIGINT AS digitised, coalesce(paid_online, 0)::BIGINT AS paid_online,
         coalesce(mobile, 0)::BIGINT AS mobile, coalesce(eid_verified, 0)::BIGINT AS eid_verified,
         coalesce(rated, 0)::BIGINT AS rated, coalesce(rated_satisfied, 0)::BIGINT AS rated_satisfied
  FROM stocks
)
-- a month where the scope held no dossier and nothing happened has no row
SELECT * FROM counts
WHERE carried_over <> 0 OR received_new <> 0 OR resolved <> 0 OR withdrawn <> 0 OR pending_end <> 0;

COPY duck_case_monthly TO '${result}' (FORMAT parquet);
