package vn.hcmc.cchc.reference;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
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
    return load(warehouse.exists(Table.SILVER_AGENCIES) ? warehouse.read(Table.SILVER_AGENCIES) : null,
        warehouse.exists(Table.SILVER_PROCEDURES) ? warehouse.read(Table.SILVER_PROCEDURES) : null);
  }

  /** The lookup of these versions of the two tables ({@code agencies}, {@code procedures}: rows of them, or {@code null}). */
  public static ReferenceLookup load(Dataset<Row> agencies, Dataset<Row> procedures) {
    ReferenceLookup lookup = new ReferenceLookup();
    if (agencies != null) {
      for (Row r : agencies.select("agency_code", "valid_from", "valid_to", "level", "district_code", "ward_code")
          .collectAsList()) {
        lookup.addAgency(r.getString(0), r.getLocalDate(1), r.getLocalDate(2),
            new Agency(r.getString(3), r.getString(4), r.getString(5)));
      }
    }
    if (procedures != null) {
      for (Row r : procedures.select("procedure_code", "valid_from", "valid_to", "sector").collectAsList()) {
        lookup.addProcedure(r.getString(0), r.getLocalDate(1), r.getLocalDate(2), new Procedure(r.getString(3)));
      }
    }
    return lookup;
  }

  /** Which of the two references a {@link Change} is about, and the column of silver.cases holding its code. */
  public enum Kind {
    AGENCY("agency_code"), PROCEDURE("procedure_code");

    private final String column;

    Kind(String column) {
      this.column = column;
    }

    public String column() {
      return column;
    }
  }

  /**
   * Days over which a code resolves differently in two lookups ({@code from} included, {@code to}
   * excluded, {@code null}: no end): what a dossier received on one of them takes from its agency or
   * procedure changed, or the code became known or unknown on it.
   */
  public record Change(Kind kind, String code, LocalDate from, LocalDate to) {}

  /**
   * Where {@code after} resolves a code differently from {@code before}, day by day, as the fewest
   * stretches of days: a late snapshot for a past day, a corrected one, a code added or dropped. An
   * interval split in two with the same values in both (a new snapshot that repeats a code) is no
   * change.
   */
  public static List<Change> changes(ReferenceLookup before, ReferenceLookup after) {
    List<Change> out = new ArrayList<>();
    changes(Kind.AGENCY, before.agencies, after.agencies, out);
    changes(Kind.PROCEDURE, before.procedures, after.procedures, out);
    return out;
  }

  private static <T> void changes(Kind kind, Map<String, List<Interval<T>>> before,
      Map<String, List<Interval<T>>> after, List<Change> out) {
    java.util.SortedSet<String> codes = new java.util.TreeSet<>(before.keySet());
    codes.addAll(after.keySet());
    for (String code : codes) {
      List<Interval<T>> b = before.getOrDefault(code, List.of());
      List<Interval<T>> a = after.getOrDefault(code, List.of());
      // the values are constant between two consecutive bounds of either side's intervals
      java.util.TreeSet<LocalDate> bounds = new java.util.TreeSet<>();
      for (List<Interval<T>> side : List.of(b, a)) {
        for (Interval<T> i : side) {
          bounds.add(i.from());
          if (i.to() != null) {
            bounds.add(i.to());
          }
        }
      }
      LocalDate from = null;
      for (LocalDate day : bounds) {
        boolean differs = !java.util.Objects.equals(find(b, day), find(a, day));
        if (differs && from == null) {
          from = day;
        } else if (!differs && from != null) {
          out.add(new Change(kind, code, from, day));
          from = null;
        }
      }
      if (from != null) {
        out.add(new Change(kind, code, from, null));
      }
    }
  }
}
