package vn.hcmc.cchc.quality;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import vn.hcmc.cchc.config.ReferenceCsv;
import vn.hcmc.cchc.config.UsageException;

/**
 * The quality rules every run evaluates, read from {@code conf/quality.csv} ({@code
 * cchc.quality.rules}): expectations as data, not code. A rule bounds the share of records
 * quarantined, per file, agency or feed of the run's batches; above it the rule warns or fails the
 * run ({@link QualityEvaluation}). The file is the operator's: a broken one is a usage error (exit 2)
 * naming the file, the line and what to fix, before the run starts. Pure: no Spark.
 */
public final class QualityRules {
  /** The header the file must have, in this order. */
  static final List<String> COLUMNS =
      List.of("rule_id", "per", "feed", "reason", "max_percent", "min_records", "severity");
  /** The case feeds a rule may name; {@code *} is both. */
  static final List<String> FEEDS = List.of("dvc", "legacy");
  /** Any feed, or any reason. */
  public static final String ANY = "*";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** What one evaluation of a rule covers. */
  public enum Per {
    /** One file of the run's batches ({@code bronze.files.path}). */
    FILE,
    /** One agency's records in the run's batches, by the agency of the dossier code. */
    AGENCY,
    /** One feed's records in the run's batches. */
    FEED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a rule's breach does: a {@code warn} is logged and recorded, a {@code fail} also fails the run. */
  public enum Severity {
    WARN,
    FAIL;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One rule: at most {@code maxPercent} percent of a scope's records may be quarantined (for {@code
   * reason}, or any); a scope of fewer than {@code minRecords} records is not evaluated.
   *
   * @param feed {@code dvc}, {@code legacy} or {@link #ANY}: the feed whose records count
   * @param reason a quarantine reason code ({@link Reason#code()}) or {@link #ANY}
   */
  public record Rule(String id, Per per, String feed, String reason, double maxPercent, long minRecords,
      Severity severity) {}

  private QualityRules() {}

  /** The rules of {@code file}; a usage error naming the file, line and fix when it is not readable as rules. */
  public static List<Rule> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageException("cannot read the quality rules " + file + " (fix cchc.quality.rules): "
          + e.getClass().getSimpleName());
    }
    return parse(text, file.toString());
  }

  /** Pure: the rules of {@code text}; lines starting with {@code #} are comments; {@code name} is used in errors. */
  public static List<Rule> parse(String text, String name) {
    // comment lines become blank ones: not records, and the line numbers stay the file's
    String data = text.lines().map(l -> l.strip().startsWith("#") ? "" : l).collect(Collectors.joining("\n"));
    String header = data.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
    List<String> columns = Arrays.stream(header.replace("\uFEFF", "").split(",", -1))
        .map(c -> c.strip().toLowerCase(Locale.ROOT)).toList();
    if (!columns.equals(COLUMNS)) {
      throw new UsageException(name + ": the header must be " + String.join(",", COLUMNS) + ", not " + header.strip());
    }
    List<ReferenceCsv.Line> lines;
    try {
      lines = ReferenceCsv.parse(data, name);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage() + " (fix the line: one value for each of " + String.join(",", COLUMNS) + ")");
    }
    List<Rule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (ReferenceCsv.Line line : lines) {
      Rule rule = rule(line, name + " line " + line.number());
      if (!ids.add(rule.id())) {
        throw new UsageException(name + " line " + line.number() + ": rule_id " + rule.id()
            + " is given twice (give each rule its own id)");
      }
      rules.add(rule);
    }
    return List.copyOf(rules);
  }

  private static Rule rule(ReferenceCsv.Line line, String where) {
    String id = line.get("rule_id");
    if (!ID.matcher(id).matches()) {
      throw bad(where, "rule_id", id, "letters, digits, '-' or '_', 1 to 64 of them");
    }
    Per per = oneOf(where, "per", line.get("per"), Per.class);
    String feed = line.get("feed");
    if (!feed.equals(ANY) && !FEEDS.contains(feed)) {
      throw bad(where, "feed", feed, String.join(", ", FEEDS) + " or " + ANY);
    }
    String reason = line.get("reason");
    if (!reason.equals(ANY) && Arrays.stream(Reason.values()).noneMatch(r -> r.code().equals(reason))) {
      throw bad(where, "reason", reason, "a quarantine reason code ("
          + Arrays.stream(Reason.values()).map(Reason::code).collect(Collectors.joining(", ")) + ") or " + ANY);
    }
    double max = number(where, "max_percent", line.get("max_percent"), "a percentage from 0 to 100, e.g. 5 or 2.5");
    if (max < 0 || max > 100) {
      throw bad(where, "max_percent", line.get("max_percent"), "a percentage from 0 to 100, e.g. 5 or 2.5");
    }
    double min = number(where, "min_records", line.get("min_records"), "a whole number of records, 0 or more");
    if (min < 0 || min != Math.rint(min)) {
      throw bad(where, "min_records", line.get("min_records"), "a whole number of records, 0 or more");
    }
    return new Rule(id, per, feed, reason, max, (long) min, oneOf(where, "severity", line.get("severity"),
        Severity.class));
  }

  private static double number(String where, String column, String value, String expected) {
    try {
      double d = Double.parseDouble(value);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(where, column, value, expected);
  }

  private static <E extends Enum<E>> E oneOf(String where, String column, String value, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
        return e;
      }
    }
    throw bad(where, column, value, Arrays.stream(type.getEnumConstants())
        .map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(" or ")));
  }

  private static UsageException bad(String where, String column, String value, String expected) {
    return new UsageException(where + ": " + column + " '" + value + "' is not " + expected);
  }
}
