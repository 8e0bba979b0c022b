package vn.hcmc.cchc.generate;

import java.io.IOException;
import java.io.OutputStream;
import java.text.Normalizer;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a lane's file of one day ({@code cases/dvc/yyyy/MM/dd/dvc-NN.jsonl.gz} or
 * {@code cases/legacy/yyyy/MM/dd/legacy-NN.csv}): a feed B header (with a byte-order mark and in
 * NFD when the day's style says so), the snapshots in export order and the bad lines at their
 * places. Bytes go out in chunks through one reused buffer and record, not a {@code String} per
 * line: at scale 1 a year is tens of millions of lines.
 */
final class DayFile {
  private static final int CHUNK = 1 << 16;
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final String LEGACY_HEADER = Formats.legacyHeader();
  private static final String LEGACY_HEADER_NFD = Normalizer.normalize(LEGACY_HEADER, Normalizer.Form.NFD);

  private final String lane;
  private final LaneFormat format;
  private final OutputFiles files;
  private final WorkingCalendar cal;
  private final Record reusable = new Record();
  private final Utf8Builder out = new Utf8Builder(CHUNK + 8192);

  DayFile(String lane, LaneFormat format, GenerationContext ctx) {
    this.lane = lane;
    this.format = format;
    this.files = ctx.files;
    this.cal = ctx.cal;
  }

  /** Writes the day's file; returns how many of {@code entries} were re-exports. */
  long write(long day, List<ExportSchedule.Entry> entries, List<BadLines.Bad> bads, Formats.LegacyStyle style,
      SplittableRandom mess) throws IOException {
    boolean legacy = format.legacy;
    String ymd = cal.ymd(day);
    String folder = (legacy ? "cases/legacy/" : "cases/dvc/") + ymd.substring(0, 4) + "/" + ymd.substring(4, 6) + "/"
        + ymd.substring(6, 8) + "/";
    int n = entries.size();
    long reexported = 0;
    Utf8Builder sb = out;
    sb.reset();
    try (OutputStream os = legacy ? files.create(folder + lane + ".csv")
        : files.createGzip(folder + lane + ".jsonl.gz")) {
      if (legacy) {
        if (style.bom()) {
          os.write(BOM);
        }
        sb.text(style.nfd() ? LEGACY_HEADER_NFD : LEGACY_HEADER).ascii('\n');
      }
      int b = 0;
      for (int i = 0; i <= n; i++) {
        while (b < bads.size() && bads.get(b).pos() == i) {
          sb.text(bads.get(b).text()).ascii('\n');
          b++;
        }
        if (i == n) {
          break;
        }
        ExportSchedule.Entry e = entries.get(i);
        e.d().fill(reusable, e.k(), cal);
        format.append(sb, reusable, style, mess);
        sb.ascii('\n');
        if (e.reexport()) {
          reexported++;
        }
        if (sb.length() >= CHUNK) {
          sb.writeTo(os);
          sb.reset();
        }
      }
      sb.writeTo(os);
      sb.reset();
    }
    return reexported;
  }
}
