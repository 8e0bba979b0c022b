package vn.hcmc.cchc.tables;

import java.time.LocalDate;

/**
 * A data file of a table as Delta's statistics describe it ({@link Warehouse#fileStatistics}): the
 * least and greatest value of a key column and the least of a date column, each {@code null} where
 * the statistics do not say (a file without statistics; for the date, also a file holding a row
 * without one, since statistics skip nulls).
 */
public record FileSpan(String minKey, String maxKey, LocalDate minDay) {}
