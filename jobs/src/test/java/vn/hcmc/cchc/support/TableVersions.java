package vn.hcmc.cchc.support;

import java.util.EnumMap;
import java.util.Map;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/** Every table's Delta version (-1: absent), to tell which tables a run wrote. */
public final class TableVersions {
  private TableVersions() {}

  public static Map<Table, Long> of(Warehouse wh) {
    Map<Table, Long> v = new EnumMap<>(Table.class);
    for (Table t : Table.values()) {
      v.put(t, wh.version(t));
    }
    return v;
  }
}
