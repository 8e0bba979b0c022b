package vn.hcmc.cchc.tables;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import vn.hcmc.cchc.city.City;

/**
 * The Delta {@code CHECK} constraints of the tables: the rules of WAREHOUSE.md that our code keeps,
 * written into the tables themselves, so that Delta refuses a commit of any writer (a notebook, a
 * foreign engine, a hand-made fix) that would break them. Each is a SQL expression over one row;
 * Delta stores it in the table's metadata ({@code delta.constraints.<name>}) and evaluates it on
 * every write.
 */
public final class TableChecks {
  /** The columns of {@code silver.cases} that every accepted snapshot has (RAW.md's required fields, and what the snapshots add). */
  static final List<String> SILVER_KEYS = List.of("dossier_id", "agency_code", "level", "procedure_code", "channel",
      "online_level", "status", "status_code", "received_at", "received_date", "due_at", "updated_at", "rating");

  private TableChecks() {}

  /** The table's constraints, name to expression, in the order they are reported. */
  static Map<String, String> of(Table table) {
    Map<String, String> checks = new LinkedHashMap<>();
    switch (table) {
      case SILVER_CASES -> {
        checks.put("keys_present", SILVER_KEYS.stream().map(c -> c + " IS NOT NULL").collect(Collectors.joining(" AND ")));
        checks.put("level_canonical", "level IN " + list(City.Level.ALL));
        checks.put("channel_canonical", "channel IN " + list(City.CHANNELS));
        checks.put("online_level_canonical", "online_level IN " + list(City.ONLINE_LEVELS));
        checks.put("status_canonical", "status = CASE status_code " + IntStream.range(0, City.Status.NAMES.size())
            .mapToObj(i -> "WHEN " + (i + 1) + " THEN '" + City.Status.NAMES.get(i) + "'").collect(Collectors.joining(" "))
            + " END");
        checks.put("rating_canonical", "rating BETWEEN 0 AND 3");
        // RAW.md's date_order rule: nothing happens to a dossier before its receipt
        checks.put("dates_after_receipt", List.of("due_at", "resolved_at", "returned_at", "withdrawn_at", "updated_at")
            .stream().map(c -> "coalesce(" + c + " >= received_at, true)").collect(Collectors.joining(" AND ")));
        checks.put("finished_has_result", "status_code NOT IN " + list(City.Status.FINISHED_CODES)
            + " OR resolved_at IS NOT NULL");
      }
      case GOLD_CASE_MONTHLY -> {
        checks.put("flow_identity", "carried_over + received_new = resolved + withdrawn + pending_end");
        checks.put("received_split", "received_desk + received_online + received_postal = received_new");
        checks.put("resolved_split", "resolved_early + resolved_on_time + resolved_late = resolved");
        checks.put("pending_split", "pending_overdue + pending_in_time = pending_end");
        checks.put("counts_not_negative", java.util.Arrays.stream(table.schema().fields())
            .filter(f -> f.dataType().equals(DataTypes.LongType)).map(StructField::name).map(c -> c + " >= 0")
            .collect(Collectors.joining(" AND ")));
        checks.put("scope_canonical", "scope_type IN " + list(City.Scope.WIDEST_FIRST));
      }
      default -> { }
    }
    return checks;
  }

  private static String list(List<?> values) {
    return values.stream().map(v -> v instanceof String s ? "'" + s + "'" : String.valueOf(v))
        .collect(Collectors.joining(", ", "(", ")"));
  }
}
