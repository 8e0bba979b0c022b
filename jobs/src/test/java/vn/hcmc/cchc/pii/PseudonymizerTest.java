package vn.hcmc.cchc.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
  private final Pseudonymizer a = new Pseudonymizer("key-a-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private final Pseudonymizer b = new Pseudonymizer("key-b-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

  @Test
  void tokensAreKeyedStableAndCaseAndSpaceInsensitive() {
    assertThat(a.token("Nguyễn Văn An")).isEqualTo(a.token("  nguyễn  văn an ")).startsWith("h:").hasSize(66);
    assertThat(a.token("Nguyễn Văn An")).isNotEqualTo(b.token("Nguyễn Văn An"));
    assertThat(a.token("")).isEmpty();
    assertThat(a.token(null)).isNull();
  }

  @Test
  void longNumbersInFreeTextAreReplacedShortOnesKept() {
    String s = a.scrubNumbers("call 0901 234 567 or id 079201001234, room 12, year 2021");
    assertThat(s).doesNotContain("0901 234 567", "079201001234").contains("room 12", "year 2021");
  }

  @Test
  void aShortKeyIsRefused() {
    assertThatThrownBy(() -> new Pseudonymizer(new byte[8])).isInstanceOf(IllegalArgumentException.class);
  }
}
