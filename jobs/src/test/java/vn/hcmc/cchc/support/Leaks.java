package vn.hcmc.cchc.support;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the fuzz tests of the parsers call a leak: a substring of {@link #WINDOW} characters or more
 * of some input text found where it may not be (an error message, a stored record). Outside the
 * fuzzed packages on purpose: Jazzer guides the fuzzer by the string comparisons of the code it
 * instruments, and would otherwise steer inputs toward this check's own wording.
 */
public final class Leaks {
  /** Shorter runs are words any text shares (a field name, {@code " is not "}). */
  public static final int WINDOW = 8;
  /** A token of {@code Pseudonymizer}: the hex of a hash, not input text. */
  private static final Pattern TOKEN = Pattern.compile("h:[0-9a-f]{64}");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  /** Stands for what was taken out of a text; a window holding it is never compared. */
  private static final char CUT = '\u0001';

  private Leaks() {}

  /**
   * The first {@link #WINDOW}-character substring of {@code secret} that {@code text} holds and
   * {@code allowed} does not (text outside the secret that may legitimately repeat it), or {@code
   * null}. Tokens in {@code text} do not count.
   */
  public static String found(String secret, String text, String allowed) {
    Set<String> inText = windows(TOKEN.matcher(text).replaceAll(String.valueOf(CUT)));
    for (String w : windows(secret)) {
      if (inText.contains(w) && !allowed.contains(w)) {
        return w;
      }
    }
    return null;
  }

  /**
   * The first {@link #WINDOW}-character substring of {@code input} in {@code message} once the
   * parser's own words are taken out of the message: every number (counts, columns, dates) and
   * every word of {@code vocabulary} (field names). {@code null} when there is none.
   */
  public static String inMessage(String message, String input, Collection<String> vocabulary) {
    Set<String> inMessage = windows(DIGITS.matcher(withoutWords(message, vocabulary)).replaceAll(String.valueOf(CUT)));
    for (String w : windows(input)) {
      if (inMessage.contains(w)) {
        return w;
      }
    }
    return null;
  }

  /** {@code message} with every word of {@code vocabulary} (the parser's own: field names) taken out. */
  public static String withoutWords(String message, Collection<String> vocabulary) {
    String m = message;
    for (String word : vocabulary.stream().sorted((a, b) -> b.length() - a.length()).toList()) {
      m = m.replace(word, String.valueOf(CUT));
    }
    return m;
  }

  private static Set<String> windows(String s) {
    Set<String> out = new HashSet<>();
    for (int i = 0; i + WINDOW <= s.length(); i++) {
      String w = s.substring(i, i + WINDOW);
      if (w.indexOf(CUT) < 0) {
        out.add(w);
      }
    }
    return out;
  }
}
