package vn.hcmc.cchc.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Prints query results: {@code csv} (RFC 4180, header row) and {@code json} (one object per line)
 * for programs, {@code table} (aligned columns) for a person at a terminal. Instants print in
 * ISO-8601 with the offset of the zone given ({@code 2021-04-01T01:30:00+07:00}; {@code ...Z} in
 * UTC), dates as {@code yyyy-MM-dd}, {@code NULL} as an empty CSV field, JSON null, or {@code NULL}
 * in a table.
 */
public final class ResultPrinter {
  public enum Format { CSV, JSON, TABLE }

  private static final ObjectMapper JSON = new ObjectMapper();

  private ResultPrinter() {}

  /** {@link #print(StructType, Iterator, Format, PrintStream, ZoneId)} with instants in UTC. */
  public static long print(StructType schema, Iterator<Row> rows, Format format, PrintStream out) {
    return print(schema, rows, format, out, ZoneOffset.UTC);
  }

  /** Prints {@code rows} and returns how many there were; instants in {@code zone}. */
  public static long print(StructType schema, Iterator<Row> rows, Format format, PrintStream out, ZoneId zone) {
    String[] names = schema.fieldNames();
    long n = 0;
    switch (format) {
      case CSV -> {
        out.println(csvLine(List.of(names)));
        while (rows.hasNext()) {
          out.println(csvLine(cells(rows.next(), "", zone)));
          n++;
        }
      }
      case JSON -> {
        while (rows.hasNext()) {
          Row r = rows.next();
          ObjectNode o = JSON.createObjectNode();
          for (int i = 0; i < names.length; i++) {
            Object v = r.get(i);
            if (v == null) {
              o.putNull(names[i]);
            } else if (v instanceof Number num) {
              o.putPOJO(names[i], num instanceof BigDecimal bd ? bd : num);
            } else if (v instanceof Boolean b) {
              o.put(names[i], b);
            } else {
              o.put(names[i], text(v, zone));
            }
          }
          try {
            out.println(JSON.writeValueAsString(o));
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
          n++;
        }
      }
      case TABLE -> {
        List<List<String>> all = new ArrayList<>();
        all.add(List.of(names));
        while (rows.hasNext()) {
          all.add(cells(rows.next(), "NULL", zone));
          n++;
        }
        int[] width = new int[names.length];
        for (List<String> line : all) {
          for (int i = 0; i < line.size(); i++) {
            width[i] = Math.max(width[i], line.get(i).codePointCount(0, line.get(i).length()));
          }
        }
        boolean[] numeric = numericColumns(schema);
        for (int li = 0; li < all.size(); li++) {
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < names.length; i++) {
            String cell = all.get(li).get(i);
            String pad = " ".repeat(width[i] - cell.codePointCount(0, cell.length()));
            sb.append(i == 0 ? "" : "  ").append(numeric[i] && li > 0 ? pad + cell : cell + pad);
          }
          out.println(sb.toString().stripTrailing());
          if (li == 0) {
            StringBuilder rule = new StringBuilder();
            for (int i = 0; i < names.length; i++) {
              rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
            }
            out.println(rule);
          }
        }
        out.println("(" + n + (n == 1 ? " row)" : " rows)"));
      }
    }
    out.flush();
    return n;
  }

  private static boolean[] numericColumns(StructType schema) {
    boolean[] b = new boolean[schema.size()];
    for (int i = 0; i < b.length; i++) {
      b[i] = schema.fields()[i].dataType() instanceof org.apache.spark.sql.types.NumericType;
    }
    return b;
  }

  private static List<String> cells(Row r, String nullText, ZoneId zone) {
    List<String> out = new ArrayList<>(r.size());
    for (int i = 0; i < r.size(); i++) {
      Object v = r.get(i);
      out.add(v == null ? nullText : v instanceof BigDecimal bd ? bd.toPlainString() : text(v, zone));
    }
    return out;
  }

  /** A value that is neither NULL nor a number of JSON, as text. */
  private static String text(Object v, ZoneId zone) {
    return v instanceof Instant t ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone)) : String.valueOf(v);
  }

  static String csvLine(List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i);
      if (i > 0) {
        sb.append(',');
      }
      if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
        sb.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
