package vn.hcmc.cchc.tables;

import java.util.List;

/**
 * Rows that do not have the columns their table declares ({@link Table#columns()}): a column
 * missing, one too many, or one of another type. A bug of the stage that built them, caught by
 * {@link DeltaWriter} before anything is committed; the message is one line naming the table and
 * the columns.
 */
public final class UndeclaredColumnsException extends IllegalStateException {
  UndeclaredColumnsException(Table table, List<String> mismatches) {
    super(table.sqlName() + ": the rows do not have the declared columns: " + String.join("; ", mismatches)
        + " (nothing written)");
  }
}
