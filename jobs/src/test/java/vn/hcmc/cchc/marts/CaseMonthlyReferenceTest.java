package vn.hcmc.cchc.marts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.city.City;
import vn.hcmc.cchc.support.TestSpark;

/**
 * {@link CaseMonthly} against a literal reading of WAREHOUSE.md's definitions, evaluated dossier by
 * dossier and month by month in plain Java, on a few hundred seeded random dossiers whose times
 * crowd around local midnights and month ends.
 */
class CaseMonthlyReferenceTest {
  private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
  private static final LocalDate FROM = LocalDate.of(2021, 2, 1);
  private static final LocalDate TO = LocalDate.of(2021, 7, 1);
  private static final String[][] AGENCIES = {
    {"STP", "city", null}, {"SXD", "city", null}, {"Q1", "district", "760"}, {"P-BN", "commune", "760"},
    {"P-DK", "commune", "760"}, {"Q3", "district", "770"}, {"P-VTS", "commune", "770"}};
  private static final String[] SECTORS = {"land", "civil_status", "business", null};
  private static final int[] STATUSES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 9, 9, 10, 4};

  /** One dossier as the reference sees it. */
  private record Dossier(String agency, String level, String district, String sector, String channel,
      String onlineLevel, int status, Instant received, Instant due, Instant resolved, Instant withdrawn,
      boolean interagency, boolean eCirculated, boolean prior, boolean reused, boolean digitised, boolean eid,
      boolean paid, boolean apology, String device, int rating) {}

  @Test
  void agreesWithTheDefinitionsReadLiterally() {
    Random random = new Random(20210301);
    List<SilverCase> silver = new ArrayList<>();
    List<Dossier> dossiers = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      randomDossier(random, "d" + i, silver, dossiers);
    }

    List<Row> rows = CaseMonthly.compute(SilverCase.frame(TestSpark.session(), silver.toArray(SilverCase[]::new)),
        FROM, TO).collectAsList();
    Map<String, Map<String, Long>> actual = new TreeMap<>();
    for (Row r : rows) {
      Map<String, Long> counts = new HashMap<>();
      CaseMonthly.COUNTS.forEach(c -> counts.put(c, r.<Long>getAs(c)));
      actual.put(r.getAs("period_month") + " " + r.getAs("scope_type") + " " + r.getAs("scope_code") + " "
          + r.getAs("sector"), counts);
    }

    Map<String, Map<String, Long>> expected = reference(dossiers);
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    expected.forEach((key, counts) -> assertThat(actual.get(key)).as(key).isEqualTo(counts));
  }

  private static void randomDossier(Random random, String id, List<SilverCase> silver, List<Dossier> dossiers) {
    String[] agency = AGENCIES[random.nextInt(AGENCIES.length)];
    String sector = SECTORS[random.nextInt(SECTORS.length)];
    int status = STATUSES[random.nextInt(STATUSES.length)];
    String channel = List.of("desk", "online", "postal").get(random.nextInt(3));
    LocalDateTime received = randomTime(random, LocalDateTime.of(2020, 12, 1, 0, 0), 240);
    LocalDateTime due = random.nextInt(5) == 0
        ? received.toLocalDate().plusDays(1 + random.nextInt(60)).atTime(17, 0)
        : randomTime(random, received, 90);
    LocalDateTime closed = randomTime(random, received, 120);
    boolean[] flags = new boolean[8];
    for (int f = 0; f < flags.length; f++) {
      flags[f] = random.nextBoolean();
    }
    int rating = random.nextInt(4);
    boolean mobile = random.nextBoolean();

    SilverCase s = SilverCase.dossier(id).received(text(received)).due(text(due)).sector(sector).rating(rating);
    switch (agency[1]) {
      case "city" -> s.cityDepartment(agency[0]);
      case "district" -> s.district(agency[0], agency[2]);
      default -> s.commune(agency[0], agency[2], "w-" + agency[0]);
    }
    String onlineLevel = "none";
    if (channel.equals("online")) {
      onlineLevel = random.nextBoolean() ? "full" : "partial";
      if (onlineLevel.equals("full")) {
        s.fullOnline();
      } else {
        s.online();
      }
    } else if (channel.equals("postal")) {
      s.postal();
    }
    if (mobile) {
      s.mobile();
    }
    List<String> yes = new ArrayList<>();
    String[] names = {"interagency", "e_circulated", "prior_documents", "data_reused", "digitised", "eid_verified",
        "paid_online", "apology_letter"};
    for (int f = 0; f < flags.length; f++) {
      if (flags[f]) {
        yes.add(names[f]);
      }
    }
    s.yes(yes.toArray(String[]::new));
    Instant resolvedAt = null;
    Instant withdrawnAt = null;
    switch (status) {
      case 9 -> {
        s.resolved(text(closed));
        resolvedAt = SilverCase.local(text(closed));
      }
      case 10 -> {
        s.returned(text(closed));
        resolvedAt = SilverCase.local(text(closed));
      }
      case 7 -> {
        s.withdrawn(text(closed));
        withdrawnAt = SilverCase.local(text(closed));
      }
      case 8 -> {
        s.stopped(text(closed));
        withdrawnAt = SilverCase.local(text(closed));
      }
      default -> {
        s.status(status);
        if (random.nextBoolean()) { // a result date on a dossier that is not finished closes nothing
          s.resultDate(text(closed));
          resolvedAt = SilverCase.local(text(closed));
        }
      }
    }
    silver.add(s);
    dossiers.add(new Dossier(agency[0], agency[1], agency[2], sector == null ? "unknown" : sector, channel,
        onlineLevel, status, SilverCase.local(text(received)), SilverCase.local(text(due)), resolvedAt, withdrawnAt,
        flags[0], flags[1], flags[2], flags[3], flags[4], flags[5], flags[6], flags[7], mobile ? "mobile" : "web",
        rating));
  }

  /** A time within {@code days} after {@code after}; often within an hour of a local midnight or a month end. */
  private static LocalDateTime randomTime(Random random, LocalDateTime after, int days) {
    LocalDateTime t = after.plusMinutes(random.nextInt(days * 24 * 60));
    return switch (random.nextInt(4)) {
      case 0 -> {
        LocalDateTime nearMidnight = t.toLocalDate().atStartOfDay().plusMinutes(random.nextInt(121) - 60);
        yield nearMidnight.isBefore(after) ? after : nearMidnight;
      }
      case 1 -> {
        LocalDateTime monthEnd = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay()
            .plusMinutes(random.nextInt(121) - 60);
        yield monthEnd.isBefore(after) ? after : monthEnd;
      }
      default -> t;
    };
  }

  private static String text(LocalDateTime t) {
    return t.format(LOCAL_TIME);
  }

  /** Every (month, scope, sector) holding a dossier, with its counts by WAREHOUSE.md's words. */
  private static Map<String, Map<String, Long>> reference(List<Dossier> dossiers) {
    Map<String, Map<String, Long>> out = new HashMap<>();
    for (LocalDate month = FROM; !month.isAfter(TO); month = month.plusMonths(1)) {
      Instant start = month.atStartOfDay(City.ZONE).toInstant();
      Instant end = month.plusMonths(1).atStartOfDay(City.ZONE).toInstant();
      for (Dossier d : dossiers) {
        if (d.status() == 1 || d.status() == 3) {
          continue;
        }
        Map<String, Boolean> is = definitions(d, start, end);
        if (!is.get("carried_over") && !is.get("received_new")) {
          continue;
        }
        List<String> scopes = new ArrayList<>(List.of("agency " + d.agency(), "level " + d.level(), "city HCM"));
        if (d.district() != null) {
          scopes.add("district " + d.district());
        }
        for (String scope : scopes) {
          for (String sector : List.of(d.sector(), "*")) {
            Map<String, Long> counts = out.computeIfAbsent(month + " " + scope + " " + sector, k -> zeros());
            is.forEach((c, yes) -> counts.merge(c, yes ? 1L : 0L, Long::sum));
          }
        }
      }
    }
    return out;
  }

  private static Map<String, Long> zeros() {
    Map<String, Long> m = new HashMap<>();
    CaseMonthly.COUNTS.forEach(c -> m.put(c, 0L));
    return m;
  }

  private static Map<String, Boolean> definitions(Dossier d, Instant start, Instant end) {
    Predicate<Instant> inMonth = t -> t != null && !t.isBefore(start) && t.isBefore(end);
    boolean finished = d.status() == 9 || d.status() == 10;
    boolean withdrawnOrStopped = d.status() == 7 || d.status() == 8;
    Instant closedAt = finished ? d.resolved() : withdrawnOrStopped ? d.withdrawn() : null;
    boolean receivedNew = inMonth.test(d.received());
    boolean resolved = finished && inMonth.test(d.resolved());
    Instant deadlineDay = d.due().atZone(City.ZONE).toLocalDate().atStartOfDay(City.ZONE).toInstant();
    boolean early = resolved && d.resolved().isBefore(deadlineDay);
    boolean late = resolved && d.resolved().isAfter(d.due());
    boolean pending = d.received().isBefore(end) && (closedAt == null || !closedAt.isBefore(end));
    boolean overdue = pending && d.due().isBefore(end);
    boolean rated = resolved && d.rating() > 0;

    Map<String, Boolean> is = new HashMap<>();
    is.put("carried_over", d.received().isBefore(start) && (closedAt == null || !closedAt.isBefore(start)));
    is.put("received_new", receivedNew);
    is.put("received_desk", receivedNew && d.channel().equals("desk"));
    is.put("received_online", receivedNew && d.channel().equals("online"));
    is.put("received_postal", receivedNew && d.channel().equals("postal"));
    is.put("received_full_online", receivedNew && d.onlineLevel().equals("full"));
    is.put("received_partial_online", receivedNew && d.onlineLevel().equals("partial"));
    is.put("resolved", resolved);
    is.put("resolved_early", early);
    is.put("resolved_on_time", resolved && !early && !d.resolved().isAfter(d.due()));
    is.put("resolved_late", late);
    is.put("late_with_apology", late && d.apology());
    is.put("withdrawn", withdrawnOrStopped && inMonth.test(d.withdrawn()));
    is.put("pending_end", pending);
    is.put("pending_overdue", overdue);
    is.put("pending_in_time", pending && !overdue);
    is.put("interagency", receivedNew && d.interagency());
    is.put("e_circulated", receivedNew && d.interagency() && d.eCirculated());
    is.put("prior_documents", receivedNew && d.prior());
    is.put("data_reused", receivedNew && d.prior() && d.reused());
    is.put("digitised", receivedNew && d.digitised());
    is.put("paid_online", receivedNew && d.paid());
    is.put("mobile", receivedNew && d.device().equals("mobile"));
    is.put("eid_verified", receivedNew && d.channel().equals("online") && d.eid());
    is.put("rated", rated);
    is.put("rated_satisfied", rated && (d.rating() == 1 || d.rating() == 2));
    assertThat(is.keySet()).containsExactlyInAnyOrderElementsOf(CaseMonthly.COUNTS);
    return is;
  }
}
