package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.serve.CatalogSync.Action;
import vn.hcmc.cchc.serve.CatalogSync.Existing;
import vn.hcmc.cchc.tables.Table;

/**
 * What a sync does with each name, from what the metastore held (no Spark; {@code CatalogIT} runs
 * it against PostgreSQL and Derby): create, leave, re-point, or refuse what is not the warehouse's.
 */
class CatalogSyncTest {
  private static final URI WANTED = URI.create("file:///srv/wh/gold/case_monthly");

  private static Action decide(Existing before) {
    return CatalogSync.decide("gold.case_monthly", Optional.ofNullable(before), WANTED);
  }

  @Test
  void aNameTheMetastoreLacksIsCreatedAndOneAtItsLocationIsLeftAlone() {
    assertThat(decide(null)).isEqualTo(Action.CREATED);
    // the metastore keeps file:/x for file:///x, and a folder may end with a slash
    assertThat(decide(new Existing(URI.create("file:/srv/wh/gold/case_monthly"), true, "delta"))).isEqualTo(Action.UNCHANGED);
    assertThat(decide(new Existing(URI.create("file:/srv/wh/gold/case_monthly/"), true, "DELTA"))).isEqualTo(Action.UNCHANGED);
  }

  @Test
  void aTableRegisteredElsewhereIsRePointed() {
    assertThat(decide(new Existing(URI.create("file:/old/wh/gold/case_monthly"), true, "delta"))).isEqualTo(Action.REPOINTED);
    assertThat(decide(new Existing(URI.create("s3a://lake/wh/gold/case_monthly"), true, "delta"))).isEqualTo(Action.REPOINTED);
    assertThat(CatalogSync.sameLocation(URI.create("s3a://a/wh/t"), URI.create("s3a://b/wh/t"))).isFalse();
  }

  @Test
  void aNameHeldByAnythingButAnExternalDeltaTableIsRefusedNotDropped() {
    assertThatThrownBy(() -> decide(new Existing(URI.create("file:/srv/wh/gold/case_monthly"), false, "delta")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the metastore holds gold.case_monthly as a managed delta table, not the warehouse's external "
            + "Delta table: drop or rename it, then sync again");
    assertThatThrownBy(() -> decide(new Existing(URI.create("file:/elsewhere"), true, "parquet")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("as a parquet table");
  }

  @Test
  void theSummarySaysWhenNothingChanged() {
    CatalogSync.Entry same = new CatalogSync.Entry(Table.GOLD_CASE_MONTHLY, WANTED, Action.UNCHANGED);
    CatalogSync.Entry moved = new CatalogSync.Entry(Table.SILVER_CASES, WANTED, Action.REPOINTED);
    assertThat(new CatalogSync.Result(List.of(same, same), List.of()).summary())
        .isEqualTo("2 tables already registered, nothing changed");
    assertThat(new CatalogSync.Result(List.of(same, moved), List.of("silver")).summary())
        .isEqualTo("2 tables: 0 created, 1 re-pointed, 1 unchanged; databases created: silver");
  }
}
