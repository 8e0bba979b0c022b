-- What both DuckDB queries of gold.case_monthly read, run before each (DuckDbCaseMonthly): the
-- Parquet export of silver.cases (${silver}) with each dossier's closing instant, the window's last
-- month (MartsJob's window: from the first receipt's month, so no dossier is received before it, to
-- the latest event's month), and local months and days of Asia/Ho_Chi_Minh (ICU time zones, not a
-- fixed offset).
CREATE MACRO local_month(ts) AS date_trunc('month', timezone('Asia/Ho_Chi_Minh', ts::TIMESTAMPTZ))::DATE;
CREATE MACRO local_day(ts) AS timezone('Asia/Ho_Chi_Minh', ts::TIMESTAMPTZ)::DATE;

CREATE VIEW silver AS
SELECT *,
       CASE WHEN status_code IN (9, 10) THEN resolved_at WHEN status_code IN (7, 8) THEN withdrawn_at END AS closed_at
FROM read_parquet('${silver}/*.parquet');

CREATE TABLE win AS
SELECT local_month(max(greatest(received_at, resolved_at, withdrawn_at, updated_at))) AS last_month
FROM silver;
