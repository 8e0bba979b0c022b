package vn.hcmc.cchc.marts;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_from_unix_date;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.inline;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.make_date;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.month;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_micros;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructType;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Transform;

/**
 * {@code gold.case_monthly}. Grain: one row per month, scope and sector in which the scope held at
 * least one dossier (carried over or received), with the official report form's counts and the
 * digital-government counters of WAREHOUSE.md, and their rates.
 *
 * <p>Needs these {@code silver.cases} columns: {@code agency_code}, {@code level}, {@code
 * district_code}, {@code sector}, {@code channel}, {@code online_level}, {@code status_code},
 * {@code received_at}, {@code due_at}, {@code resolved_at}, {@code withdrawn_at}, the yes/no fields,
 * {@code device} and {@code rating}. Months are local months of Ho Chi Minh City; silver instants
 * are compared with the months' boundaries as instants.
 *
 * <p>How: each dossier becomes at most three events, each in one month: its receipt (a flow, and
 * +1 to the open stock), its closing (a flow, and -1 to the open stock) and the month its deadline
 * passes while it is still open (+1 to the overdue stock, -1 again at closing). Events before the
 * first month fall into month -1, those after the last are dropped. Events are summed per agency,
 * rolled up to every scope and sector, and running sums over months give the stocks
 * ({@code pending_end}, {@code pending_overdue}; {@code carried_over} is the previous month's
 * {@code pending_end}). Months with no event repeat the stock. Work is therefore proportional to
 * dossiers, not to dossiers times months, however long the window or old the backlog.
 */
@Transform
public final class CaseMonthly {
  /** The sector of a dossier whose procedure had none in the catalogue (keeps sectors summing to {@code *}). */
  public static final String UNKNOWN_SECTOR = "unknown";

  /** Counted when the dossier was received in the month. */
  private static final List<String> RECEIPT_FLOWS = List.of(
      "received_new", "received_desk", "received_online", "received_postal", "received_full_online",
      "received_partial_online", "interagency", "e_circulated", "prior_documents", "data_reused", "digitised",
      "paid_online", "mobile", "eid_verified");
  /** Counted when the dossier was closed in the month. */
  private static final List<String> CLOSING_FLOWS = List.of(
      "resolved", "resolved_early", "resolved_on_time", "resolved_late", "late_with_apology", "withdrawn",
      "rated", "rated_satisfied");
  private static final List<String> FLOWS = Stream.concat(RECEIPT_FLOWS.stream(), CLOSING_FLOWS.stream()).toList();
  /** Changes of the two stocks. */
  private static final String OPEN_DELTA = "open_change";
  private static final String OVERDUE_DELTA = "overdue_change";
  /** An event's sign in {@link #difference}: -1 for a pre-image's, 1 for a post-image's. */
  private static final String SIGN = "_sign";
  /** What each event carries: the flows, then the two stock changes. */
  private static final List<String> EVENT_COLUMNS =
      Stream.concat(FLOWS.stream(), Stream.of(OPEN_DELTA, OVERDUE_DELTA)).toList();

  /** Per dossier, any status: its receipt's month, for the first month of the marts ({@link #span}). */
  private static final String SPAN_RECEIVED = "span_received";
  /** Per dossier, any status: its export day's month, for the last month of the marts. */
  private static final String SPAN_EXPORTED = "span_exported";
  /** Per dossier without an export day: the month of its latest instant (the last month when no dossier has one). */
  private static final String SPAN_LATEST = "span_latest";
  private static final List<String> SPAN_COLUMNS = List.of(SPAN_RECEIVED, SPAN_EXPORTED, SPAN_LATEST);

  /** The grain of {@link #flows}: one row per local month and agency, with the agency's district, level and sector. */
  public static final List<String> FLOW_KEY =
      List.of("period_month", "agency_code", "level", "district_code", "sector");
  /** The sums of {@link #flows}, after {@link #FLOW_KEY}: the events' columns, then the span counts. */
  public static final List<String> FLOW_SUMS =
      Stream.concat(EVENT_COLUMNS.stream(), SPAN_COLUMNS.stream()).toList();

  /** The {@code silver.cases} columns {@link #compute} reads. */
  public static final List<String> INPUT_COLUMNS = List.of(
      "agency_code", "level", "district_code", "sector", "channel", "online_level", "status_code", "received_at",
      "due_at", "resolved_at", "withdrawn_at", "interagency", "e_circulated", "prior_documents", "data_reused",
      "digitised", "paid_online", "device", "eid_verified", "apology_letter", "rating", "updated_at", "export_date");

  /** The count columns of the table, in order. */
  public static final List<String> COUNTS = List.of(
      "carried_over", "received_new", "received_desk", "received_online", "received_postal",
      "received_full_online", "received_partial_online", "resolved", "resolved_early", "resolved_on_time",
      "resolved_late", "late_with_apology", "withdrawn", "pending_end", "pending_overdue", "pending_in_time",
      "interagency", "e_circulated", "prior_documents", "data_reused", "digitised", "paid_online", "mobile",
      "eid_verified", "rated", "rated_satisfied");

  /** The columns that name a row: its grain. */
  static final List<String> KEY = List.of("period_month", "scope_type", "scope_code", "sector");

  /** The rates of the table, in order. */
  public static final List<Ratio> RATES = List.of(
      new Ratio("on_time_rate", List.of("resolved_early", "resolved_on_time"), "resolved"),
      new Ratio("late_rate", "resolved_late", "resolved"),
      new Ratio("apology_rate", "late_with_apology", "resolved_late"),
      new Ratio("online_rate", "received_online", "received_new"),
      new Ratio("full_online_rate", "received_full_online", "received_new"),
      new Ratio("e_circulation_rate", "e_circulated", "interagency"),
      new Ratio("data_reuse_rate", "data_reused", "prior_documents"),
      new Ratio("digitisation_rate", "digitised", "received_new"),
      new Ratio("eid_rate", "eid_verified", "received_online"),
      new Ratio("satisfaction_rate", "rated_satisfied", "rated"));

  /**
   * The columns of {@code gold.case_monthly}, in order, as {@link Table} declares them: {@link #KEY},
   * {@link #COUNTS} (never {@code NULL}), then {@link #RATES} ({@code NULL} where the denominator is 0).
   */
  public static final StructType SCHEMA = Table.GOLD_CASE_MONTHLY.schema();

  private static final long DAY_MICROS = 86_400_000_000L;

  private CaseMonthly() {}

  /**
   * The months {@code fromMonth..toMonth} (both first days, {@code toMonth} included) of
   * {@code gold.case_monthly}, from {@code silver.cases}. Pure: the result depends on the arguments
   * only (not on the session time zone, not on the clock).
   *
   * <p>Scopes: {@code agency} (agency code), {@code district} (GSO district code, only for dossiers
   * whose agency had one), {@code level} ({@code city}, {@code district}, {@code commune}) and
   * {@code city} ({@code HCM}); agency, level, district and sector are the dossier's, resolved on its
   * receipt day. Sector {@code *} is every sector; a dossier without a sector counts under
   * {@value #UNKNOWN_SECTOR}. A month, scope and sector holding no dossier has no row.
   *
   * @throws IllegalArgumentException when a month is not a first day or {@code fromMonth} is after {@code toMonth}
   */
  public static Dataset<Row> compute(Dataset<Row> silverCases, LocalDate fromMonth, LocalDate toMonth) {
    return fromFlows(flows(silverCases), fromMonth, toMonth);
  }

  /**
   * What every count of {@code gold.case_monthly} is summed from: per local month and agency key
   * ({@link #FLOW_KEY}), the sums of the dossiers' events ({@link #FLOW_SUMS}): the receipts' and
   * closings' flows, the changes of the open and overdue stocks, and the span counts that give the
   * marts' months. Not windowed: every event is in the month it happens, so the table is additive
   * ({@code flows(a ∪ b) = flows(a) + flows(b)}), and a day's change is {@code flows(after) -
   * flows(before)} of the dossiers it touched ({@link #difference}). Pure.
   */
  public static Dataset<Row> flows(Dataset<Row> silverCases) {
    return sumByKey(events(silverCases));
  }

  /**
   * {@code flows(after) - flows(before)}, rows whose sums are all 0 dropped: what replacing the
   * dossiers {@code before} by {@code after} changes, from one dataset holding both (the change
   * feed's pre- and post-images), read once: the rows where {@code before} holds count negatively.
   */
  public static Dataset<Row> difference(Dataset<Row> changes, Column before) {
    Dataset<Row> events = events(changes, when(before, lit(-1)).otherwise(lit(1)));
    List<Column> signed = new ArrayList<>();
    FLOW_KEY.forEach(k -> signed.add(col(k)));
    FLOW_SUMS.forEach(c -> signed.add(col(c).multiply(col(SIGN)).as(c)));
    return sumByKey(events.select(signed.toArray(Column[]::new)))
        .filter(FLOW_SUMS.stream().map(c -> col(c).notEqual(0)).reduce(Column::or).orElseThrow());
  }

  /**
   * {@code flows + difference}, per key, rows whose sums are all 0 dropped: the flows of the
   * dossiers after a change, as {@link #flows} of them would give.
   */
  public static Dataset<Row> plus(Dataset<Row> flows, Dataset<Row> difference) {
    return sumByKey(flows.select(flowColumns()).unionByName(difference.select(flowColumns())))
        .filter(FLOW_SUMS.stream().map(c -> col(c).notEqual(0)).reduce(Column::or).orElseThrow());
  }

  /**
   * The months {@code fromMonth..toMonth} of {@code gold.case_monthly} from its {@link #flows}:
   * events before {@code fromMonth} give the stocks it starts with, events after {@code toMonth}
   * are left out. Pure.
   */
  public static Dataset<Row> fromFlows(Dataset<Row> flows, LocalDate fromMonth, LocalDate toMonth) {
    Months months = Months.of(fromMonth, toMonth);
    Column k = months.index(col("period_month"));
    Dataset<Row> byAgency = flows
        .withColumn("k", k)
        .filter(col("k").lt(lit(months.count())))
        .groupBy(col("k"), col("agency_code"), col("level"), col("district_code"), col("sector"))
        .agg(sumOf(OPEN_DELTA), sumsOf(EVENT_COLUMNS));
    Dataset<Row> byScope = rollUp(byAgency)
        .groupBy(col("k"), col("scope_type"), col("scope_code"), col("sector"))
        .agg(sumOf(OPEN_DELTA), sumsOf(EVENT_COLUMNS));
    return withRates(monthly(byScope, months), fromMonth);
  }

  /**
   * The months of {@code gold.case_monthly} for the dossiers of these {@link #flows}: as {@link
   * #months}. Empty when no dossier was received.
   */
  public static Optional<MonthRange> span(Dataset<Row> flows) {
    Dataset<Row> perMonth = flows.groupBy("period_month")
        .agg(sum(SPAN_RECEIVED).as(SPAN_RECEIVED), sum(SPAN_EXPORTED).as(SPAN_EXPORTED),
            sum(SPAN_LATEST).as(SPAN_LATEST));
    Row span = perMonth.agg(
        min(when(col(SPAN_RECEIVED).gt(0), col("period_month"))),
        max(when(col(SPAN_EXPORTED).gt(0), col("period_month"))),
        max(when(col(SPAN_LATEST).gt(0), col("period_month")))).head();
    if (span.isNullAt(0)) {
      return Optional.empty();
    }
    LocalDate from = span.getLocalDate(0);
    LocalDate to = span.isNullAt(1) ? span.getLocalDate(2) : span.getLocalDate(1);
    // every receipt after the last export day (typos too): a one-month range in which nothing counts
    return Optional.of(new MonthRange(from.isAfter(to) ? to : from, to));
  }

  /** A range of months, both first days, both included. */
  public record MonthRange(LocalDate from, LocalDate to) {}

  /**
   * The months of {@code gold.case_monthly} for these {@code silver.cases} rows: from the month of
   * the first receipt to the month of the latest {@code export_date}, the last day the feeds were
   * known. No instant stretches it: a deadline legitimately lies ahead, and a result or update date
   * after the export day is a typo, not an event yet (an event after the last month is not counted).
   * Rows without an {@code export_date} (normalize gives every row one) end it at their latest
   * receipt, closing or update. Empty when there is no dossier.
   *
   * <p>Needs {@code received_at}, {@code resolved_at}, {@code withdrawn_at}, {@code updated_at} and
   * {@code export_date}; runs one aggregation.
   */
  public static Optional<MonthRange> months(Dataset<Row> silverCases) {
    return span(flows(silverCases));
  }

  /**
   * The first month of {@code fromMonth..toMonth} whose rows can change when the dossiers {@code
   * before} are replaced by {@code after} (rows shaped like {@code silver.cases}, e.g. the pre- and
   * post-images of a change feed): the earliest month holding an event (receipt, closing, deadline
   * passing while open) that the two sides do not share, per agency, district, level and sector.
   * Stocks are running sums, so every later month may change too. Empty when no count moves.
   * Events before {@code fromMonth} count as {@code fromMonth}.
   */
  public static Optional<LocalDate> firstChangedMonth(Dataset<Row> before, Dataset<Row> after, LocalDate fromMonth,
      LocalDate toMonth) {
    Column isBefore = col("_before");
    Dataset<Row> both = before.withColumn("_before", lit(true)).unionByName(after.withColumn("_before", lit(false)));
    return firstChangedMonth(difference(both, isBefore), fromMonth, toMonth);
  }

  /**
   * The first month of {@code fromMonth..toMonth} whose rows a {@link #difference} changes: its
   * earliest month with an event column other than 0 ({@code fromMonth} for any month before it);
   * empty when it moves no count of those months.
   */
  public static Optional<LocalDate> firstChangedMonth(Dataset<Row> difference, LocalDate fromMonth,
      LocalDate toMonth) {
    Months.of(fromMonth, toMonth);
    Row first = difference
        .filter(EVENT_COLUMNS.stream().map(c -> col(c).notEqual(0)).reduce(Column::or).orElseThrow())
        .filter(col("period_month").lt(lit(toMonth.plusMonths(1))))
        .agg(min("period_month")).head();
    if (first.isNullAt(0)) {
      return Optional.empty();
    }
    LocalDate month = first.getLocalDate(0);
    return Optional.of(month.isBefore(fromMonth) ? fromMonth : month);
  }

  /**
   * Checks {@code carried_over + received_new = resolved + withdrawn + pending_end} on every row.
   *
   * @throws IllegalStateException naming the first row (by month, scope, sector) where it fails
   */
  public static void checkIdentity(Dataset<Row> monthly) {
    Column in = col("carried_over").plus(col("received_new"));
    Column out = col("resolved").plus(col("withdrawn")).plus(col("pending_end"));
    List<Row> broken = monthly.filter(not(coalesce(in.equalTo(out), lit(false))))
        .select(col("period_month"), col("scope_type"), col("scope_code"), col("sector"), col("carried_over"),
            col("received_new"), col("resolved"), col("withdrawn"), col("pending_end"))
        .orderBy("period_month", "scope_type", "scope_code", "sector")
        .limit(1)
        .collectAsList();
    if (!broken.isEmpty()) {
      Row r = broken.get(0);
      throw new IllegalStateException(String.format(
          "gold.case_monthly identity fails for period_month=%s scope_type=%s scope_code=%s sector=%s: "
              + "carried_over %s + received_new %s != resolved %s + withdrawn %s + pending_end %s",
          r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6), r.get(7), r.get(8)));
    }
  }

  /**
   * Checks that no count of any row is below 0 (a dossier closed before it was received makes a
   * stock negative; the identity alone does not see it).
   *
   * @throws IllegalStateException naming the first row (by month, scope, sector) and its first negative count
   */
  public static void checkCounts(Dataset<Row> monthly) {
    NonNegativeCounts.check("gold.case_monthly", monthly, KEY, COUNTS);
  }

  /** The window of months: index 0 is {@code fromMonth}. */
  private record Months(LocalDate first, int count) {
    static Months of(LocalDate from, LocalDate to) {
      if (from == null || to == null || from.getDayOfMonth() != 1 || to.getDayOfMonth() != 1) {
        throw new IllegalArgumentException("months must be first days of a month: " + from + ", " + to);
      }
      if (from.isAfter(to)) {
        throw new IllegalArgumentException("fromMonth " + from + " is after toMonth " + to);
      }
      Instant start = from.atStartOfDay(City.ZONE).toInstant();
      Instant end = to.plusMonths(1).atStartOfDay(City.ZONE).toInstant();
      // Local days and months are computed as UTC plus one offset (OFFSET_MICROS), which is exact
      // while the zone keeps it (Ho Chi Minh City: UTC+7 since 1975); refuse a window outside it.
      ZoneOffsetTransition change = City.ZONE.getRules().nextTransition(start);
      if (change != null && change.getInstant().isBefore(end)
          || City.ZONE.getRules().getOffset(start).getTotalSeconds() * 1_000_000L != OFFSET_MICROS) {
        throw new IllegalArgumentException(City.ZONE + " changes its UTC offset inside " + from + ".." + to);
      }
      return new Months(from, (int) ChronoUnit.MONTHS.between(from, to) + 1);
    }

    /**
     * The month (0 = {@code first}) of a month's first day; -1 for any month before the window,
     * {@code count} for any after it.
     */
    Column index(Column firstDay) {
      Column sinceFirst = year(firstDay).multiply(12).plus(month(firstDay))
          .minus(first.getYear() * 12 + first.getMonthValue());
      return when(sinceFirst.lt(0), lit(-1)).when(sinceFirst.geq(count), lit(count)).otherwise(sinceFirst);
    }
  }

  /**
   * The city's offset from UTC (7 hours since 1975). Local days and months are UTC plus this offset;
   * {@link Months#of} refuses a window across a change of the zone's offset.
   */
  private static final long OFFSET_MICROS =
      City.ZONE.getRules().getOffset(Instant.parse("2000-01-01T00:00:00Z")).getTotalSeconds() * 1_000_000L;

  /** Days since 1970-01-01 of the instant's local date (exact integer arithmetic on microseconds). */
  private static Column localEpochDay(Column instant) {
    Column local = unix_micros(instant).plus(OFFSET_MICROS);
    return local.minus(pmod(local, lit(DAY_MICROS))).divide(DAY_MICROS).cast("int");
  }

  /** The local month of an instant as a number ({@code year * 12 + month - 1}); {@code NULL} for {@code NULL}. */
  private static Column localMonth(Column instant) {
    return monthNumber(date_from_unix_date(localEpochDay(instant)));
  }

  private static Column monthNumber(Column date) {
    return year(date).multiply(12).plus(month(date)).minus(1);
  }

  /** The first day of a month numbered as {@link #localMonth}. */
  private static Column firstDay(Column monthNumber) {
    return make_date(floor(monthNumber.divide(12)).cast("int"), pmod(monthNumber, lit(12)).plus(1), lit(1));
  }

  /**
   * Per dossier, up to five events, each in the local month {@code period_month}: for a
   * counted status, its receipt, its closing and the deadline passing while open; for any, the span
   * events (its receipt month; its export day's month, or its latest instant's without one).
   */
  private static Dataset<Row> events(Dataset<Row> cases) {
    return events(cases, lit(1)).drop(SIGN);
  }

  /** {@link #events(Dataset)}, each event with its dossier's {@code sign} in {@link #SIGN}. */
  private static Dataset<Row> events(Dataset<Row> cases, Column sign) {
    Column status = col("status_code");
    Column counted = status.isNotNull().and(not(status.isin(City.Status.UNCOUNTED_CODES.toArray())));
    Column finished = status.isin(City.Status.FINISHED_CODES.toArray());
    Column withdrawnOrStopped = status.isin(City.Status.WITHDRAWN_CODES.toArray());
    Column closedAt = when(finished, col("resolved_at")).when(withdrawnOrStopped, col("withdrawn_at"));

    Column received = col("_received");
    Column closed = col("_closed");
    Column overdueFrom = col("_overdue_from");

    Map<String, Column> receipt = new LinkedHashMap<>();
    receipt.put("received_new", lit(1));
    receipt.put("received_desk", flag(col("channel").equalTo("desk")));
    receipt.put("received_online", flag(col("channel").equalTo("online")));
    receipt.put("received_postal", flag(col("channel").equalTo("postal")));
    receipt.put("received_full_online", flag(col("online_level").equalTo("full")));
    receipt.put("received_partial_online", flag(col("online_level").equalTo("partial")));
    receipt.put("interagency", flag(col("interagency")));
    receipt.put("e_circulated", flag(col("interagency").and(col("e_circulated"))));
    receipt.put("prior_documents", flag(col("prior_documents")));
    receipt.put("data_reused", flag(col("prior_documents").and(col("data_reused"))));
    receipt.put("digitised", flag(col("digitised")));
    receipt.put("paid_online", flag(col("paid_online")));
    receipt.put("mobile", flag(col("device").equalTo("mobile")));
    receipt.put("eid_verified", flag(col("channel").equalTo("online").and(col("eid_verified"))));
    receipt.put(OPEN_DELTA, lit(1));

    Column early = localEpochDay(col("resolved_at")).lt(localEpochDay(col("due_at")));
    Column late = col("resolved_at").gt(col("due_at"));
    Column rated = col("rating").gt(0);
    Map<String, Column> closing = new LinkedHashMap<>();
    closing.put("resolved", flag(finished));
    closing.put("resolved_early", flag(finished.and(early)));
    closing.put("resolved_on_time", flag(finished.and(not(early)).and(col("resolved_at").leq(col("due_at")))));
    closing.put("resolved_late", flag(finished.and(late)));
    closing.put("late_with_apology", flag(finished.and(late).and(col("apology_letter"))));
    closing.put("withdrawn", flag(withdrawnOrStopped));
    closing.put("rated", flag(finished.and(rated)));
    closing.put("rated_satisfied", flag(finished.and(col("rating").isin(City.Rating.SATISFIED_CODES.toArray()))));
    closing.put(OPEN_DELTA, lit(-1));
    // leaves the overdue stock if it had entered it: still open at the end of its deadline's month
    closing.put(OVERDUE_DELTA, when(closed.gt(overdueFrom), lit(-1)).otherwise(lit(0)));

    Map<String, Column> overdue = Map.of(OVERDUE_DELTA, lit(1));
    Map<String, Column> receivedAny = Map.of(SPAN_RECEIVED, lit(1));
    Column exported = col("export_date").isNotNull();
    Map<String, Column> lastKnown = Map.of(SPAN_EXPORTED, flag(exported), SPAN_LATEST, flag(not(exported)));
    Column lastKnownMonth = when(exported, monthNumber(col("export_date"))).otherwise(localMonth(
        greatest(col("received_at"), col("resolved_at"), col("withdrawn_at"), col("updated_at"))));

    Column stillOpenWhenOverdue = closed.isNull().or(closed.gt(overdueFrom));
    Column eventsOfDossier = array(
        event(when(counted, received), receipt),
        event(when(counted, closed), closing),
        event(when(counted.and(stillOpenWhenOverdue), overdueFrom), overdue),
        event(received, receivedAny),
        event(lastKnownMonth, lastKnown));

    return cases
        .withColumn("sector", coalesce(col("sector"), lit(UNKNOWN_SECTOR)))
        .withColumn("_received", localMonth(col("received_at")))
        .withColumn("_closed", localMonth(closedAt))
        // the first month at whose end it is overdue if still open (due before that month ended)
        .withColumn("_overdue_from",
            when(col("due_at").isNotNull(), greatest(received, localMonth(col("due_at")))))
        .select(col("agency_code"), col("level"), col("district_code"), col("sector"), sign.as(SIGN),
            inline(eventsOfDossier))
        .filter(col("k").isNotNull())
        .withColumn("period_month", firstDay(col("k")))
        .drop("k");
  }

  /** Events summed per local month and agency key: {@link #flows}' shape. */
  private static Dataset<Row> sumByKey(Dataset<Row> events) {
    List<Column> sums = new ArrayList<>();
    FLOW_SUMS.forEach(c -> sums.add(sumOf(c)));
    return events.groupBy(FLOW_KEY.stream().map(functions::col).toArray(Column[]::new))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new));
  }

  private static Column[] flowColumns() {
    return Stream.concat(FLOW_KEY.stream(), FLOW_SUMS.stream()).map(functions::col).toArray(Column[]::new);
  }

  /** One event: its month {@code k} ({@code NULL}: no such event) and a value for every sum of the flows (0 unless given). */
  private static Column event(Column k, Map<String, Column> values) {
    List<Column> fields = new ArrayList<>();
    fields.add(k.cast("int").as("k"));
    for (String c : FLOW_SUMS) {
      fields.add(values.getOrDefault(c, lit(0)).as(c));
    }
    return struct(fields.toArray(Column[]::new));
  }

  /** 1 when true; 0 when false or unknown (a missing yes/no field is false). */
  private static Column flag(Column condition) {
    return when(condition, lit(1)).otherwise(lit(0));
  }

  private static Column sumOf(String column) {
    return coalesce(sum(col(column)), lit(0L)).as(column);
  }

  /** Sums of the event columns other than the open-stock change (given first, {@code agg} wants one column apart). */
  private static Column[] sumsOf(List<String> columns) {
    return columns.stream().filter(c -> !c.equals(OPEN_DELTA)).map(CaseMonthly::sumOf).toArray(Column[]::new);
  }

  /** Each agency-level row once per scope it belongs to, and once for its sector and once for {@code *}. */
  private static Dataset<Row> rollUp(Dataset<Row> byAgency) {
    Column scopes = Scopes.ofAgency();
    List<Column> withScope = new ArrayList<>(List.of(col("k"), col("sector")));
    EVENT_COLUMNS.forEach(c -> withScope.add(col(c)));
    withScope.add(inline(scopes));
    List<Column> withSector = new ArrayList<>(List.of(col("k"), col("scope_type"), col("scope_code")));
    EVENT_COLUMNS.forEach(c -> withSector.add(col(c)));
    withSector.add(explode(array(col("sector"), lit(City.ALL_SECTORS))).as("sector"));
    return byAgency
        .select(withScope.toArray(Column[]::new))
        .filter(col("scope_code").isNotNull()) // a city department is in no district
        .select(withSector.toArray(Column[]::new));
  }

  /**
   * From events per scope and month to one row per scope and month of the window: running sums give
   * the stocks, and each event month also stands for the months up to the next one (no flows there).
   */
  private static Dataset<Row> monthly(Dataset<Row> byScope, Months months) {
    WindowSpec byKey = Window.partitionBy("scope_type", "scope_code", "sector").orderBy("k");
    WindowSpec upToHere = byKey.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> stocks = byScope
        .withColumn("_open", sum(col(OPEN_DELTA)).over(upToHere))
        .withColumn("_overdue", sum(col(OVERDUE_DELTA)).over(upToHere))
        .withColumn("_until", coalesce(lead(col("k"), 1).over(byKey).minus(1), lit(months.count() - 1)))
        .withColumn("m", explode(sequence(col("k"), col("_until"))))
        .filter(col("m").geq(0));

    Column eventMonth = col("m").equalTo(col("k"));
    Map<String, Column> counts = new LinkedHashMap<>();
    counts.put("carried_over", when(eventMonth, col("_open").minus(col(OPEN_DELTA))).otherwise(col("_open")));
    for (String f : FLOWS) {
      counts.put(f, when(eventMonth, col(f)).otherwise(lit(0L)));
    }
    counts.put("pending_end", col("_open"));
    counts.put("pending_overdue", col("_overdue"));
    counts.put("pending_in_time", col("_open").minus(col("_overdue")));

    List<Column> out = new ArrayList<>(List.of(col("m"), col("scope_type"), col("scope_code"), col("sector")));
    for (String c : COUNTS) {
      out.add(coalesce(counts.get(c).cast("long"), lit(0L)).as(c));
    }
    // "the scope held a dossier" (carried_over + received_new > 0) is, on valid data, "some count is
    // not 0"; the latter also keeps a row whose stock went negative, for checkCounts to refuse
    return stocks.select(out.toArray(Column[]::new))
        .filter(COUNTS.stream().map(c -> col(c).notEqual(0)).reduce(Column::or).orElseThrow());
  }

  private static Dataset<Row> withRates(Dataset<Row> counts, LocalDate fromMonth) {
    List<Column> out = new ArrayList<>();
    out.add(add_months(lit(fromMonth), col("m")).as("period_month"));
    out.add(col("scope_type"));
    // never NULL here (rollUp drops such rows); coalesce only lets Spark know it for SCHEMA
    out.add(coalesce(col("scope_code"), lit("")).as("scope_code"));
    out.add(col("sector"));
    COUNTS.forEach(c -> out.add(col(c)));
    RATES.forEach(r -> out.add(r.percent()));
    return counts.select(out.toArray(Column[]::new)).to(SCHEMA);
  }
}
