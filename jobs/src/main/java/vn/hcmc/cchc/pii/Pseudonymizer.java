package vn.hcmc.cchc.pii;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.hcmc.cchc.tables.Transform;

/**
 * Replaces personal data by a keyed HMAC-SHA256, so that the same person gets the same token in
 * every table while nobody without the key can recover or test a guess. Values are trimmed,
 * NFC-normalised and lower-cased first, so that an NFD legacy export and a JSON export of the same
 * name give the same token. A token reads {@code h:<64 hex>}.
 */
@Transform
public final class Pseudonymizer implements Serializable {
  private static final long serialVersionUID = 1L;
  /** Digit runs that could be a phone, citizen ID or tax number (9 to 13 digits, maybe spaced). */
  private static final Pattern NUMBER = Pattern.compile("(?<![0-9])\\+?[0-9][0-9 .-]{7,16}[0-9](?![0-9])");
  /** A token this class wrote: its hex is not a number to mask again. */
  private static final Pattern TOKEN = Pattern.compile("h:[0-9a-f]{64}");
  private static final Pattern NOT_DIGIT = Pattern.compile("[^0-9]");

  private final byte[] key;
  private transient Mac mac;

  public Pseudonymizer(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("the PII key must be at least 16 bytes");
    }
    this.key = key.clone();
  }

  /** The token of a value; {@code null} and blank stay as they are (there is nothing to hide). */
  public String token(String value) {
    if (value == null || value.isBlank()) {
      return value;
    }
    String canonical = CaseFields.collapseSpaces(CaseFields.nfc(value.strip()).toLowerCase(Locale.ROOT));
    byte[] digest = mac().doFinal(canonical.getBytes(StandardCharsets.UTF_8));
    return "h:" + HexFormat.of().formatHex(digest);
  }

  /**
   * Best effort for text that could not be parsed: every number long enough to be a phone or an
   * ID is replaced by its token; tokens already in the text are left as they are (their hex holds
   * digit runs too). Names in such text cannot be located; callers mask the fields they can find first.
   */
  public String scrubNumbers(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    Matcher t = TOKEN.matcher(text);
    int at = 0;
    while (t.find()) {
      scrubNumbers(text.substring(at, t.start()), sb);
      sb.append(t.group());
      at = t.end();
    }
    scrubNumbers(text.substring(at), sb);
    return sb.toString();
  }

  private void scrubNumbers(String text, StringBuilder sb) {
    Matcher m = NUMBER.matcher(text);
    while (m.find()) {
      String digits = NOT_DIGIT.matcher(m.group()).replaceAll("");
      m.appendReplacement(sb, Matcher.quoteReplacement(digits.length() >= 9 ? token(digits) : m.group()));
    }
    m.appendTail(sb);
  }

  private Mac mac() {
    if (mac == null) {
      try {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 unavailable", e);
      }
    }
    return mac;
  }
}
