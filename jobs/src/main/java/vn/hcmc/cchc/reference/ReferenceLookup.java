package vn.hcmc.cchc.reference;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * The agency and procedure snapshots in force on a given day, from {@code silver.agencies} and
 * {@code silver.procedures}. Small (a few thousand intervals), so it is held in memory and shipped
 * to the executors inside the task. In the kernel because two stages resolve codes through it:
 * ingest the agencies of the work files, normalize the agency and procedure of every dossier.
 */
public final class ReferenceLookup implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What a dossier takes from its agency. */
  public record Agency(String level, String districtCode, String wardCode) implements Serializable {}

  /** What a dossier takes from its procedure. */
  public record Procedure(String sector) implements Serializable {}

  private record Interval<T>(LocalDate from, LocalDate to, T value) implements Serializable {
    boolean covers(LocalDate day) {
      return !day.isBefore(from) && (to == null || day.isBefore(to));
    }
  }

  private final Map<String, List<Interval<Agency>>> agencies = new HashMap<>();
  private final Map<String, List<Interval<Procedure>>> procedures = new HashMap<>();

  public void addAgency(String code, LocalDate from, LocalDate to, Agency a) {
    agencies.computeIfAbsent(code, k -> new ArrayList<>()).add(new Interval<>(from, to, a));
  }

  public void addProcedure(String code, LocalDate from, LocalDate to, Procedure p) {
    procedures.computeIfAbsent(code, k -> new ArrayList<>()).add(new Interval<>(from, to, p));
  }

  /** The agency as the snapshot in force on {@code day} describes it, or {@code null}. */
  public Agency agency(String code, LocalDate day) {
    return find(agencies.get(code), day);
  }

  public Procedure procedure(String code, LocalDate day) {
    return find(procedures.get(code), day);
  }

  private static <T> T find(List<Interval<T>> intervals, LocalDate day) {
    if (intervals == null) {
      return null;
    }
    for (Interval<T> i : intervals) {
      if (i.covers(day)) {
        return i.value();
      }
    }
    return null;
  }

  /** Loads both tables (empty lookups where a table does not exist yet: every dossier is then unknown). */
  public static ReferenceLookup load(Warehouse warehouse) {
    ReferenceLookup lookup = new ReferenceLookup();
    if (warehouse.exists(Table.SILVER_AGENCIES)) {
      for (Row r : warehouse.read(Table.SILVER_AGENCIES)
          .select("agency_code", "valid_from", "valid_to", "level", "district_code", "ward_code").collectAsList()) {
        lookup.addAgency(r.getString(0), r.getLocalDate(1), r.getLocalDate(2),
            new Agency(r.getString(3), r.getString(4), r.getString(5)));
      }
    }
    if (warehouse.exists(Table.SILVER_PROCEDURES)) {
      for (Row r : warehouse.read(Table.SILVER_PROCEDURES)
          .select("procedure_code", "valid_from", "valid_to", "sector").collectAsList()) {
        lookup.addProcedure(r.getString(0), r.getLocalDate(1), r.getLocalDate(2), new Procedure(r.getString(3)));
      }
    }
    return lookup;
  }
}
