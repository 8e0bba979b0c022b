package vn.hcmc.cchc.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import vn.hcmc.cchc.tables.Transform;

/**
 * A rate of a mart: {@code 100 x sum(numerator columns) / denominator column}, computed from the
 * summed counts of a row, {@code NULL} where the denominator is 0.
 */
@Transform
public record Ratio(String name, List<String> numerator, String denominator) {
  public Ratio(String name, String numerator, String denominator) {
    this(name, List.of(numerator), denominator);
  }

  /** The rate as a column of a row holding its counts: a {@code DOUBLE} percentage, {@code NULL} where the denominator is 0. */
  public Column percent() {
    Column n = numerator.stream().map(c -> col(c)).reduce(Column::plus).orElseThrow();
    return when(col(denominator).gt(0), n.multiply(100.0).divide(col(denominator))).cast("double").as(name);
  }
}
