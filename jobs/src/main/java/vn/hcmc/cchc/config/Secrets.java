package vn.hcmc.cchc.config;

import java.util.regex.Pattern;

/** Masks secrets in text that is logged or recorded: config values, command arguments, URLs. */
public final class Secrets {
  /** Values that follow these words are secrets ({@code password=...} in a JDBC URL, {@code user:pw@host}). */
  private static final Pattern SECRET_VALUE =
      Pattern.compile("(?i)((?:password|passwd|pwd|secret|token|access[._-]?key|secret[._-]?key)[=:])[^&;,\\s]*");
  private static final Pattern URL_PASSWORD = Pattern.compile("(//[^/:@\\s]+:)[^@/\\s]+@");

  private Secrets() {}

  /** {@code text} with every secret-looking value replaced by {@code ***}. */
  public static String mask(String text) {
    String s = SECRET_VALUE.matcher(text).replaceAll("$1***");
    return URL_PASSWORD.matcher(s).replaceAll("$1***@");
  }
}
