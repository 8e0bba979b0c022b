package vn.hcmc.cchc.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.quality.QualityEvaluation.Outcome;
import vn.hcmc.cchc.quality.QualityEvaluation.Tally;
import vn.hcmc.cchc.quality.QualityRules.Per;
import vn.hcmc.cchc.quality.QualityRules.Rule;
import vn.hcmc.cchc.quality.QualityRules.Severity;

/**
 * The rules on hand-counted tallies, no Spark: a day of two files. {@code dvc.jsonl}: agency A 90
 * records, 3 quarantined (2 bad dates, 1 unknown procedure); agency B 10 records, 6 quarantined as
 * bad dates: 9 of 100 (9%). {@code legacy.csv}: agency C 40 records, 2 quarantined as malformed, and
 * 10 records superseded within the run (no agency): 2 of 50 (4%).
 */
class QualityEvaluationTest {
  private static final String DVC = "raw/cases/dvc/2021/03/31/dvc.jsonl";
  private static final String LEGACY = "raw/cases/legacy/2021/03/31/legacy.csv";
  private static final List<Tally> DAY = List.of(
      new Tally(DVC, "dvc", "A", 90, Map.of("bad_date", 2L, "unknown_procedure", 1L)),
      new Tally(DVC, "dvc", "B", 10, Map.of("bad_date", 6L)),
      new Tally(LEGACY, "legacy", "C", 40, Map.of("malformed_record", 2L)),
      new Tally(LEGACY, "legacy", null, 10, Map.of()));

  private static Rule rule(String id, Per per, String feed, String reason, double max, long min, Severity s) {
    return new Rule(id, per, feed, reason, max, min, s);
  }

  @Test
  void aFileRuleSumsTheFilesAgenciesAndComparesItsShare() {
    List<Outcome> outcomes = QualityEvaluation.evaluate(
        List.of(rule("file-warn", Per.FILE, "*", "*", 5, 20, Severity.WARN)), DAY);
    assertThat(outcomes).extracting(Outcome::scope, Outcome::records, Outcome::quarantined, Outcome::observed,
        Outcome::outcome, Outcome::worstFile).containsExactly(
        tuple(DVC, 100L, 9L, 9.0, "warn", DVC),
        tuple(LEGACY, 50L, 2L, 4.0, "pass", LEGACY));
  }

  @Test
  void anAgencyRuleCountsOneReasonAndNamesItsWorstFile() {
    List<Outcome> outcomes = QualityEvaluation.evaluate(
        List.of(rule("agency-dates", Per.AGENCY, "*", "bad_date", 50, 10, Severity.FAIL)), DAY);
    // A: 2 of 90; B: 6 of 10 (60%, over 50); C: 0 of 40; the superseded rest has no agency
    assertThat(outcomes).extracting(Outcome::scope, Outcome::observed, Outcome::outcome).containsExactly(
        tuple("A", 100.0 * 2 / 90, "pass"),
        tuple("B", 60.0, "fail"),
        tuple("C", 0.0, "pass"));
    assertThat(QualityEvaluation.failure(outcomes)).hasValue("quality rule agency-dates (fail): 60.0% of the 10 "
        + "records of agency B quarantined as bad_date, above 50.0%; 1 agency(s) over; worst file " + DVC);
  }

  @Test
  void aScopeUnderItsMinimumOrOfAnotherFeedIsNotEvaluated() {
    assertThat(QualityEvaluation.evaluate(List.of(rule("small", Per.AGENCY, "*", "*", 5, 11, Severity.FAIL)), DAY))
        .extracting(Outcome::scope).containsExactly("A", "C"); // B holds 10 records
    assertThat(QualityEvaluation.evaluate(List.of(rule("legacy", Per.FEED, "legacy", "*", 5, 0, Severity.FAIL)), DAY))
        .extracting(Outcome::scope, Outcome::records).containsExactly(tuple("legacy", 50L));
  }

  @Test
  void theShareMustExceedTheThreshold() {
    // legacy.csv: exactly 4% quarantined
    Rule atFour = rule("at-four", Per.FILE, "legacy", "*", 4, 0, Severity.FAIL);
    assertThat(QualityEvaluation.evaluate(List.of(atFour), DAY)).extracting(Outcome::outcome).containsExactly("pass");
  }

  @Test
  void warningsAreOneLineARuleAndTheFailureNamesTheFirstFailingRule() {
    List<Outcome> outcomes = QualityEvaluation.evaluate(List.of(
        rule("file-warn", Per.FILE, "*", "*", 3, 0, Severity.WARN),
        rule("feed-fail", Per.FEED, "*", "*", 8, 0, Severity.FAIL),
        rule("file-fail", Per.FILE, "*", "*", 3.5, 0, Severity.FAIL)), DAY);
    assertThat(QualityEvaluation.summary(outcomes)).isEqualTo("1 pass, 2 warn, 3 fail");
    assertThat(QualityEvaluation.warnings(outcomes)).containsExactly("quality rule file-warn (warn): 9.0% of the 100 "
        + "records of file " + DVC + " quarantined, above 3.0%; 2 file(s) over; worst file " + DVC);
    assertThat(QualityEvaluation.failure(outcomes)).hasValue("quality rule feed-fail (fail): 9.0% of the 100 records "
        + "of feed dvc quarantined, above 8.0%; 1 feed(s) over; worst file " + DVC + " (and 1 more failing rule(s))");
  }

  @Test
  void nothingBreachedNothingToSay() {
    List<Outcome> outcomes = QualityEvaluation.evaluate(
        List.of(rule("lenient", Per.FILE, "*", "*", 50, 0, Severity.FAIL)), DAY);
    assertThat(QualityEvaluation.failure(outcomes)).isEmpty();
    assertThat(QualityEvaluation.warnings(outcomes)).isEmpty();
    assertThat(QualityEvaluation.evaluate(List.of(rule("none", Per.FILE, "*", "*", 5, 0, Severity.FAIL)), List.of()))
        .isEmpty();
  }
}
