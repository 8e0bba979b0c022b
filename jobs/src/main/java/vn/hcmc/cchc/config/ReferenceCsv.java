package vn.hcmc.cchc.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.hcmc.cchc.text.DelimitedText;
import vn.hcmc.cchc.text.FileText;

/**
 * A comma-separated file of the product's own reference data ({@code conf/reference}), read on the
 * driver: one map per row, keyed by the lower-cased header, values trimmed and in NFC. The files are
 * ours, so a broken one is a bug: it fails with the file and line.
 */
public final class ReferenceCsv {
  /** One data row and the 1-based line it starts on. */
  public record Line(long number, Map<String, String> values) {
    /** The value of {@code column}, {@code ""} when empty. */
    public String get(String column) {
      return values.getOrDefault(column, "");
    }
  }

  private ReferenceCsv() {}

  public static List<Line> read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return parse(FileText.decode(in), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read reference file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Pure: the rows of {@code text}; {@code name} is used in error messages. */
  public static List<Line> parse(String text, String name) {
    List<DelimitedText.Record> records = DelimitedText.records(text, ',');
    if (records.isEmpty() || records.get(0).malformed()) {
      throw new IllegalArgumentException(name + ": no header row");
    }
    List<String> header = records.get(0).fields().stream().map(h -> clean(h).toLowerCase(Locale.ROOT)).toList();
    List<Line> out = new ArrayList<>();
    for (DelimitedText.Record r : records.subList(1, records.size())) {
      if (r.malformed() || r.fields().size() != header.size()) {
        throw new IllegalArgumentException(name + " line " + r.lineNumber() + ": expected " + header.size()
            + " fields" + (r.malformed() ? " (" + r.error() + ")" : ", found " + r.fields().size()));
      }
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < header.size(); i++) {
        values.put(header.get(i), clean(r.fields().get(i)));
      }
      out.add(new Line(r.lineNumber(), values));
    }
    return out;
  }

  private static String clean(String s) {
    return Normalizer.normalize(s.strip(), Normalizer.Form.NFC);
  }
}
