package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.Warehouse;

/** What {@code scripts/cchc sql} tells a user who can fix the query or the path. */
class WarehouseSqlTest {
  @Test
  void aWarehouseThatIsNotThereIsAUsageError() {
    Path nowhere = TestSpark.tempDir("no-warehouse").resolve("missing");

    assertThatThrownBy(() -> WarehouseSql.over(new Warehouse(TestSpark.session(), nowhere.toString())))
        .isInstanceOf(UsageException.class).hasMessageStartingWith("warehouse not found: " + nowhere);
  }

  @Test
  void aQueryThatDoesNotParseOrNamesNoTableIsABadQueryOnOneLine() {
    WarehouseSql sql = WarehouseSql.over(new Warehouse(TestSpark.session(), TestSpark.tempDir("empty-wh").toString()));

    assertThat(sql.query("SELECT 1 AS one").collectAsList()).hasSize(1);
    assertThatThrownBy(() -> sql.query("SELEC 1")).isInstanceOf(UsageException.class)
        .hasMessageStartingWith("bad query: [PARSE_SYNTAX_ERROR]").hasMessageNotContaining("\n");
    assertThatThrownBy(() -> sql.query("SELECT * FROM gold.no_such_mart")).isInstanceOf(UsageException.class)
        .hasMessageStartingWith("bad query: [TABLE_OR_VIEW_NOT_FOUND]").hasMessageNotContaining("\n");
  }
}
