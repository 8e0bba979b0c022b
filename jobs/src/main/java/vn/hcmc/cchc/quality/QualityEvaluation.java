package vn.hcmc.cchc.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import vn.hcmc.cchc.quality.QualityRules.Per;
import vn.hcmc.cchc.quality.QualityRules.Rule;
import vn.hcmc.cchc.quality.QualityRules.Severity;

/**
 * The {@link QualityRules} evaluated on the counts of one run's batches: one {@link Outcome} per rule
 * and scope (file, agency or feed) with enough records, and the verdict a person reads: one line per
 * rule that warns, one line for the run when a rule fails. Pure: no Spark, no clock; {@link
 * QualityCheck} reads the counts and writes the outcomes.
 */
public final class QualityEvaluation {
  public static final String PASS = "pass";

  /**
   * The records of one file, agency and feed in the run's batches, and how many of them were
   * quarantined per reason code. The finest grain the rules need: a rule sums the tallies of its
   * scope. {@code agency} is {@code null} for records whose agency is not known (the remainder of a
   * file: snapshots superseded within the run).
   */
  public record Tally(String file, String feed, String agency, long records, Map<String, Long> quarantined) {
    public Tally {
      quarantined = Map.copyOf(quarantined);
    }

    /** Records quarantined for {@code reason}, or for any reason ({@link QualityRules#ANY}). */
    long quarantined(String reason) {
      return reason.equals(QualityRules.ANY) ? quarantined.values().stream().mapToLong(Long::longValue).sum()
          : quarantined.getOrDefault(reason, 0L);
    }
  }

  /**
   * One rule on one scope: {@code observed} percent of the scope's {@code records} quarantined,
   * against the rule's {@code threshold} (its {@code max_percent}); {@code outcome} {@code pass}, or
   * the rule's severity when observed is above the threshold. {@code worstFile}: the scope's file with
   * the highest share quarantined (the file itself for a per-file rule).
   */
  public record Outcome(Rule rule, String scope, long records, long quarantined, double observed, String outcome,
      String worstFile) {
    public boolean breached() {
      return !outcome.equals(PASS);
    }
  }

  private QualityEvaluation() {}

  /** Every rule on every scope of {@code tallies} that has at least the rule's minimum of records, in rule order. */
  public static List<Outcome> evaluate(List<Rule> rules, List<Tally> tallies) {
    List<Outcome> out = new ArrayList<>();
    for (Rule rule : rules) {
      Map<String, List<Tally>> scopes = new TreeMap<>();
      for (Tally t : tallies) {
        String scope = scopeOf(rule.per(), t);
        if (scope != null && (rule.feed().equals(QualityRules.ANY) || rule.feed().equals(t.feed()))) {
          scopes.computeIfAbsent(scope, s -> new ArrayList<>()).add(t);
        }
      }
      scopes.forEach((scope, in) -> {
        long records = in.stream().mapToLong(Tally::records).sum();
        if (records > 0 && records >= rule.minRecords()) {
          long quarantined = in.stream().mapToLong(t -> t.quarantined(rule.reason())).sum();
          double observed = percent(quarantined, records);
          String outcome = observed > rule.maxPercent() ? rule.severity().code() : PASS;
          out.add(new Outcome(rule, scope, records, quarantined, observed, outcome, worstFile(in, rule.reason())));
        }
      });
    }
    return out;
  }

  /** One line per rule with a {@code warn} outcome: how many of its scopes breach it, and the worst. */
  public static List<String> warnings(List<Outcome> outcomes) {
    return worstPerRule(outcomes, Severity.WARN).entrySet().stream()
        .map(e -> line(e.getValue(), count(outcomes, e.getKey(), Severity.WARN))).toList();
  }

  /**
   * The line that fails the run, when a rule's outcome is {@code fail}: the first such rule of the
   * file, its worst scope's observed share against the threshold, and the worst file. Paths and
   * counts only: never a record's content.
   */
  public static Optional<String> failure(List<Outcome> outcomes) {
    Map<Rule, Outcome> worst = worstPerRule(outcomes, Severity.FAIL);
    if (worst.isEmpty()) {
      return Optional.empty();
    }
    Map.Entry<Rule, Outcome> first = worst.entrySet().iterator().next();
    String line = line(first.getValue(), count(outcomes, first.getKey(), Severity.FAIL));
    return Optional.of(worst.size() == 1 ? line : line + " (and " + (worst.size() - 1) + " more failing rule(s))");
  }

  /** {@code pass}, {@code warn} and {@code fail} outcomes counted, e.g. {@code 14 pass, 2 warn, 0 fail}. */
  public static String summary(List<Outcome> outcomes) {
    long warn = outcomes.stream().filter(o -> o.outcome().equals(Severity.WARN.code())).count();
    long fail = outcomes.stream().filter(o -> o.outcome().equals(Severity.FAIL.code())).count();
    return (outcomes.size() - warn - fail) + " pass, " + warn + " warn, " + fail + " fail";
  }

  static double percent(long part, long whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }

  private static String scopeOf(Per per, Tally t) {
    return switch (per) {
      case FILE -> t.file();
      case AGENCY -> t.agency();
      case FEED -> t.feed();
    };
  }

  /** The file of {@code in} with the highest share of its records quarantined for {@code reason}; by path on ties. */
  private static String worstFile(List<Tally> in, String reason) {
    Map<String, long[]> perFile = new TreeMap<>();
    for (Tally t : in) {
      long[] c = perFile.computeIfAbsent(t.file(), f -> new long[2]);
      c[0] += t.quarantined(reason);
      c[1] += t.records();
    }
    String worst = null;
    double highest = -1;
    for (Map.Entry<String, long[]> e : perFile.entrySet()) {
      double share = percent(e.getValue()[0], e.getValue()[1]);
      if (share > highest) {
        highest = share;
        worst = e.getKey();
      }
    }
    return worst;
  }

  /** For each rule with an outcome of {@code severity}, its outcome with the highest observed share, in rule order. */
  private static Map<Rule, Outcome> worstPerRule(List<Outcome> outcomes, Severity severity) {
    Map<Rule, Outcome> worst = new LinkedHashMap<>();
    Comparator<Outcome> byObserved = Comparator.comparingDouble(Outcome::observed);
    for (Outcome o : outcomes) {
      if (o.outcome().equals(severity.code())) {
        worst.merge(o.rule(), o, (a, b) -> byObserved.compare(b, a) > 0 ? b : a);
      }
    }
    return worst;
  }

  private static long count(List<Outcome> outcomes, Rule rule, Severity severity) {
    return outcomes.stream().filter(o -> o.rule().equals(rule) && o.outcome().equals(severity.code())).count();
  }

  /**
   * E.g. {@code quality rule file-quarantined-fail (fail): 41.7% of the 12 records of file F quarantined,
   * above 30%; 1 file over; worst file F}.
   */
  private static String line(Outcome o, long scopesOver) {
    Rule r = o.rule();
    Function<Double, String> pct = d -> String.format(Locale.ROOT, "%.1f%%", d);
    return "quality rule " + r.id() + " (" + o.outcome() + "): " + pct.apply(o.observed()) + " of the " + o.records()
        + " records of " + r.per().code() + " " + o.scope() + " quarantined"
        + (r.reason().equals(QualityRules.ANY) ? "" : " as " + r.reason())
        + (r.feed().equals(QualityRules.ANY) ? "" : " (feed " + r.feed() + ")")
        + ", above " + pct.apply(r.maxPercent()) + "; " + scopesOver + " " + r.per().code() + "(s) over; worst file "
        + o.worstFile();
  }
}
