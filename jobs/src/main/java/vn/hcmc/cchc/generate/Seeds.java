package vn.hcmc.cchc.generate;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Seed derivation. Every random decision draws from a {@link SplittableRandom} whose seed is a
 * pure function of the run seed and a few coordinates (lane, day, purpose), so the output never
 * depends on thread scheduling or on which other days are generated.
 */
final class Seeds {
  /** Fixed seed of the "city" itself: procedure codes and agency sizes do not change with --seed. */
  static final long CITY = 0x43434843_2021L;

  private Seeds() {}

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long of(long seed, long... parts) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    for (long p : parts) {
      h = mix(h + 0x9E3779B97F4A7C15L + p);
    }
    return h;
  }

  static long of(long seed, String label, long... parts) {
    return of(of(seed, hash(label)), parts);
  }

  static SplittableRandom rng(long seed, String label, long... parts) {
    return new SplittableRandom(of(seed, label, parts));
  }

  static long hash(String s) {
    long h = 1125899906842597L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h = 31 * h + b;
    }
    return mix(h);
  }

  /** A uniform double in [0, 1) that is a pure function of its inputs. */
  static double unit(long seed, String label, long... parts) {
    return (of(seed, label, parts) >>> 11) * 0x1.0p-53;
  }
}
