package vn.hcmc.cchc.marts;

import java.util.List;

/**
 * A rate of a mart: {@code 100 x sum(numerator columns) / denominator column}, computed from the
 * summed counts of a row, {@code NULL} where the denominator is 0.
 */
public record Ratio(String name, List<String> numerator, String denominator) {
  public Ratio(String name, String numerator, String denominator) {
    this(name, List.of(numerator), denominator);
  }
}
