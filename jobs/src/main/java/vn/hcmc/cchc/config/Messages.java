package vn.hcmc.cchc.config;

/** Messages shown to a person: one line each (the contract's "one clear line on stderr"). */
public final class Messages {
  private Messages() {}

  /** The innermost useful message of an exception, on one line. */
  public static String oneLine(Throwable ex) {
    Throwable t = ex;
    while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t instanceof RuntimeException
        && t.getCause().getMessage() != null && t.getMessage().contains(t.getCause().getClass().getName()))) {
      t = t.getCause();
    }
    return firstLine(t.getMessage(), t.getClass().getSimpleName());
  }

  /** The first line of {@code message}, stripped; {@code fallback} when there is none. */
  public static String firstLine(String message, String fallback) {
    String m = message == null ? "" : message.strip();
    if (m.isEmpty()) {
      return fallback;
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
