package vn.hcmc.cchc.config;

import java.util.regex.Pattern;

/** Masks secrets in text that is logged or recorded: config values, command arguments, URLs. */
public final class Secrets {
  /** Values that follow these words are secrets ({@code password=...} in a JDBC URL, {@code user:pw@host}). */
  private static final String KEY = "(?i)((?:password|passwd|pwd|secret|token|access[._-]?key|secret[._-]?key)[=:])";
  private static final Pattern SECRET_VALUE = Pattern.compile(KEY + "[^&;,\\s]*");
  private static final Pattern URL_PASSWORD = Pattern.compile("(//[^/:@\\s]+:)[^@/\\s]+@");
  /**
   * The same within one command argument, where a value ends only at {@code &}, {@code ;} or {@code ,}
   * ({@code --conf "fs.s3a.access.key=open sesame"} is one argument: its value, spaces and all, is secret).
   */
  private static final Pattern ARGUMENT_SECRET_VALUE = Pattern.compile(KEY + "[^&;,]*");
  private static final Pattern ARGUMENT_URL_PASSWORD = Pattern.compile("(//[^/:@]+:)[^@/]+@");

  private Secrets() {}

  /**
   * Command arguments as one line, each masked on its own before they are joined with spaces, so that
   * a secret holding a space is masked whole (the launcher's {@code CCHC_SHOW_COMMAND} line does the same).
   */
  public static String maskArguments(java.util.List<String> arguments) {
    return String.join(" ", arguments.stream().map(a -> ARGUMENT_URL_PASSWORD.matcher(
        ARGUMENT_SECRET_VALUE.matcher(a).replaceAll("$1***")).replaceAll("$1***@")).toList());
  }

  /** {@code text} with every secret-looking value replaced by {@code ***}. */
  public static String mask(String text) {
    String s = SECRET_VALUE.matcher(text).replaceAll("$1***");
    return URL_PASSWORD.matcher(s).replaceAll("$1***@");
  }
}
