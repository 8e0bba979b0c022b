package vn.hcmc.cchc.tables;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import vn.hcmc.cchc.config.UsageException;

/**
 * How a table with layout keys ({@code silver.cases}: level, agency_code) is laid out on storage.
 * Chosen when the table is created ({@code cchc.layout.silver-cases}); an existing table keeps the
 * layout it was created with, and {@code maintain} reads it from the table itself. The figures behind
 * the choice are in {@code docs/BENCHMARKS.md} ("Layouts").
 */
public enum Layout {
  /** {@code PARTITIONED BY (level, agency_code)}: one folder per agency, as the city asked (the default). */
  PARTITIONED,
  /** {@code CLUSTER BY (level, agency_code)}: Delta liquid clustering; no folders, {@code OPTIMIZE} clusters. */
  CLUSTERED,
  /** {@code PARTITIONED BY (level)}; {@code maintain} Z-orders each level by agency_code. */
  LEVEL_ZORDER;

  /** The name used in config, e.g. {@code level-zorder}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The layout named {@code name} in config; a clear usage error for anything else. */
  public static Layout parse(String name) {
    for (Layout l : values()) {
      if (l.configName().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    throw new UsageException("unknown layout '" + name + "' for cchc.layout.silver-cases: use one of "
        + Arrays.stream(values()).map(Layout::configName).collect(Collectors.joining(", ")));
  }

  /** The partition columns of {@code table} under this layout. */
  public List<String> partitionColumns(Table table) {
    List<String> keys = table.layoutKeys();
    return switch (this) {
      case PARTITIONED -> keys;
      case CLUSTERED -> List.of();
      case LEVEL_ZORDER -> keys.isEmpty() ? keys : keys.subList(0, 1);
    };
  }

  /** The liquid clustering columns of {@code table} under this layout. */
  public List<String> clusteringColumns(Table table) {
    return this == CLUSTERED ? table.layoutKeys() : List.of();
  }

  /**
   * The columns {@code OPTIMIZE} Z-orders {@code table} by, given the partition columns it actually
   * has: the layout keys its partitions do not already separate, when it is partitioned by fewer of
   * them than it has; none otherwise (fully partitioned, clustered, or no keys).
   */
  public static List<String> zOrderColumns(Table table, List<String> actualPartitionColumns) {
    List<String> keys = table.layoutKeys();
    if (actualPartitionColumns.isEmpty() || actualPartitionColumns.size() >= keys.size()
        || !keys.subList(0, actualPartitionColumns.size()).equals(actualPartitionColumns)) {
      return List.of();
    }
    return keys.subList(actualPartitionColumns.size(), keys.size());
  }
}
