package vn.hcmc.cchc.session;

import java.util.Locale;

/** Elapsed wall time for the stage summary lines. */
public final class Stopwatch {
  private final long started = System.nanoTime();

  public static Stopwatch start() {
    return new Stopwatch();
  }

  public double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.1f s", seconds());
  }
}
