package vn.hcmc.cchc.generate;

import java.util.SplittableRandom;

/** Walker/Vose alias method: O(1) sampling of an index by weight. Immutable, thread-safe. */
final class AliasTable {
  private final double[] prob;
  private final int[] alias;
  private final int[] items;

  /** @param items what to return; @param weights non-negative, at least one positive */
  AliasTable(int[] items, double[] weights) {
    int n = items.length;
    if (n == 0) {
      throw new IllegalArgumentException("empty alias table");
    }
    this.items = items.clone();
    prob = new double[n];
    alias = new int[n];
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("alias table without weight");
    }
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / sum;
      if (scaled[i] < 1.0) {
        small[ns++] = i;
      } else {
        large[nl++] = i;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      prob[s] = scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1.0;
      if (scaled[l] < 1.0) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    while (nl > 0) {
      prob[large[--nl]] = 1.0;
    }
    while (ns > 0) {
      prob[small[--ns]] = 1.0;
    }
  }

  int sample(SplittableRandom r) {
    int i = r.nextInt(prob.length);
    return r.nextDouble() < prob[i] ? items[i] : items[alias[i]];
  }
}
