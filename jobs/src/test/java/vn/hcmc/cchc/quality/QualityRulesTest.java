package vn.hcmc.cchc.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.quality.QualityRules.Per;
import vn.hcmc.cchc.quality.QualityRules.Rule;
import vn.hcmc.cchc.quality.QualityRules.Severity;
import vn.hcmc.cchc.support.Launcher;

/** {@code conf/quality.csv} read: the rules as written, and a broken file refused with one line naming its line and the fix. */
class QualityRulesTest {
  private static final String HEADER = "rule_id,per,feed,reason,max_percent,min_records,severity\n";

  @Test
  void commentsAreSkippedAndEachRowIsARule() {
    List<Rule> rules = QualityRules.parse("# a comment\n" + HEADER + "\n  # another\n"
        + "file-fail,file,*,*,30,20,fail\nagency-dates,agency,legacy,bad_date,2.5,0,warn\n", "q.csv");
    assertThat(rules).containsExactly(new Rule("file-fail", Per.FILE, "*", "*", 30, 20, Severity.FAIL),
        new Rule("agency-dates", Per.AGENCY, "legacy", "bad_date", 2.5, 0, Severity.WARN));
  }

  @Test
  void theShippedRulesRead() {
    assertThat(QualityRules.read(Launcher.ROOT.resolve("conf/quality.csv")))
        .extracting(Rule::severity).contains(Severity.WARN, Severity.FAIL);
  }

  @Test
  void aBadLineIsNamedWithItsNumberAndTheFix() {
    String file = "# rules\n" + HEADER + "file-fail,file,*,*,30,20,fail\n";
    assertThat(refusal(file + "x,files,*,*,5,20,warn\n"))
        .isEqualTo("q.csv line 4: per 'files' is not file or agency or feed");
    assertThat(refusal(file + "x,file,*,*,5%,20,warn\n"))
        .isEqualTo("q.csv line 4: max_percent '5%' is not a percentage from 0 to 100, e.g. 5 or 2.5");
    assertThat(refusal(file + "x,file,*,bad_dates,5,20,warn\n")).startsWith("q.csv line 4: reason 'bad_dates' is not "
        + "a quarantine reason code (malformed_record, missing_field, bad_date,");
    assertThat(refusal(file + "x,file,*,*,5,20,error\n")).isEqualTo("q.csv line 4: severity 'error' is not warn or fail");
    assertThat(refusal(file + "x,file,*,*,5,20\n")).startsWith("q.csv line 4: expected 7 fields, found 6 (fix the line");
    assertThat(refusal(file + "file-fail,feed,*,*,5,20,warn\n"))
        .isEqualTo("q.csv line 4: rule_id file-fail is given twice (give each rule its own id)");
    assertThat(refusal("rule,per\nx,file\n"))
        .isEqualTo("q.csv: the header must be rule_id,per,feed,reason,max_percent,min_records,severity, not rule,per");
  }

  private static String refusal(String text) {
    try {
      QualityRules.parse(text, "q.csv");
    } catch (UsageException e) {
      assertThat(e.getMessage()).doesNotContain("\n");
      return e.getMessage();
    }
    throw new AssertionError("accepted: " + text);
  }

  @Test
  void aMissingFileIsAUsageError() {
    assertThatThrownBy(() -> QualityRules.read(Launcher.ROOT.resolve("conf/no-such-rules.csv")))
        .isInstanceOf(UsageException.class).hasMessageContaining("no-such-rules.csv (fix cchc.quality.rules)");
  }
}
