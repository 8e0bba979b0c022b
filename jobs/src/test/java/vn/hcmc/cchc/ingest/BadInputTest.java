package vn.hcmc.cchc.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import vn.hcmc.cchc.normalize.NormalizeJob;
import vn.hcmc.cchc.support.Fixtures;
import vn.hcmc.cchc.support.TestSpark;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Table;
import vn.hcmc.cchc.tables.Warehouse;

/**
 * Bad input beyond the record-level rules, delivered with the {@code basic} fixture in one batch:
 * 14 bad files and records of 12 kinds. A file that cannot be read at all is set aside in {@code
 * bronze.bad_files} with its reason; everything else reaches silver or quarantine; reconciliation
 * holds; nothing dies. docs/RELIABILITY.md lists each input beside its outcome.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {
  private static final String DVC = "cases/dvc/2021/04/02/";
  private static final String LEGACY = "cases/legacy/2021/04/02/";
  private static final int LONG_LINE = 10 << 20;

  private SparkSession spark;
  private Path raw;
  private Warehouse warehouse;
  private IngestJob.Result ingest;
  private NormalizeJob.Result normalize;
  private String dvcLine;
  private String legacyHeader;
  private String legacyRow;

  @BeforeAll
  void deliverTheBadFilesWithTheBasicFixture() throws IOException {
    spark = TestSpark.session();
    raw = TestSpark.tempDir("raw");
    Fixtures.copy("basic", raw);
    warehouse = new Warehouse(spark, TestSpark.tempDir("wh").toString());
    dvcLine = Files.readString(raw.resolve(DVC + "dvc-20210402-01.jsonl")).strip();
    List<String> legacy = Files.readAllLines(raw.resolve(LEGACY + "legacy-760-20210402.csv"));
    legacyHeader = legacy.get(0);
    legacyRow = legacy.get(1);

    write(DVC + "empty.jsonl", new byte[0]);
    write(LEGACY + "header-only.csv", (legacyHeader + "\n").getBytes(StandardCharsets.UTF_8));
    write(DVC + "zero-bytes.jsonl.gz", new byte[0]);
    write(DVC + "truncated.jsonl.gz", truncatedGzip());
    write(DVC + "utf16-bom.jsonl", concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
        (dossier(903) + "\n").getBytes(StandardCharsets.UTF_16LE)));
    write(DVC + "utf16-no-bom.jsonl", (dossier(904) + "\n").getBytes(StandardCharsets.UTF_16LE));
    write(LEGACY + "windows-1258.csv",
        (legacyHeader + "\n" + legacyDossier(905) + "\n").getBytes(Charset.forName("windows-1258")));
    write(DVC + "long-line.jsonl", ("{\"MaHoSo\": \"" + "x".repeat(LONG_LINE) + "\n" + dossier(906) + "\n")
        .getBytes(StandardCharsets.UTF_8));
    write(DVC + "duplicate-key.jsonl", (dossier(907).replace("\"TrangThaiHoSo\": 4,",
        "\"TrangThaiHoSo\": 4, \"TrangThaiHoSo\": 9,") + "\n").getBytes(StandardCharsets.UTF_8));
    write(DVC + "extra-key.jsonl", (dossier(908).replace("{", "{\"TruongMoi\": \"gia tri\", ") + "\n")
        .getBytes(StandardCharsets.UTF_8));
    write(LEGACY + "field-counts.csv", (legacyHeader + "\n" + legacyDossier(909) + ";thừa\n"
        + legacyDossier(910).substring(0, legacyDossier(910).lastIndexOf(';')) + "\n").getBytes(StandardCharsets.UTF_8));
    write(LEGACY + "extra-column.csv", (legacyHeader + ";Cột mới\n" + legacyDossier(911) + ";giá trị\n")
        .getBytes(StandardCharsets.UTF_8));
    String agencies = Files.readString(raw.resolve("reference/agencies/2021-01-01.csv"));
    write("reference/agencies/2021-02-01.csv",
        (agencies.strip() + "\n000.00.760.H29,Tên trùng,district,760,\n").getBytes(StandardCharsets.UTF_8));
    String procedures = Files.readString(raw.resolve("reference/procedures/2021-01-01.csv"));
    write("reference/procedures/2021-03-01.csv", withoutColumn(procedures, "sector").getBytes(StandardCharsets.UTF_8));

    ingest = new IngestJob(warehouse, new DeltaWriter(warehouse, "batch-1"), Fixtures.PII).run(raw.toString(),
        Instant.now());
    normalize = new NormalizeJob(warehouse, new DeltaWriter(warehouse, "norm-1")).run(Instant.now());
  }

  private String dossier(int n) {
    return dvcLine.replace("210331-0003", "210402-" + String.format("%04d", n));
  }

  private String legacyDossier(int n) {
    return legacyRow.replace("210402-0020", "210402-" + String.format("%04d", n));
  }

  private byte[] truncatedGzip() throws IOException {
    byte[] whole = gzip(dossier(901) + "\n" + dossier(902) + "\n");
    return Arrays.copyOf(whole, whole.length / 2);
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static String withoutColumn(String csv, String column) {
    List<String> lines = csv.strip().lines().toList();
    int drop = Arrays.asList(lines.get(0).split(",", -1)).indexOf(column);
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      List<String> fields = new java.util.ArrayList<>(Arrays.asList(line.split(",", -1)));
      fields.remove(drop);
      sb.append(String.join(",", fields)).append('\n');
    }
    return sb.toString();
  }

  private void write(String relative, byte[] bytes) throws IOException {
    Path p = raw.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
  }

  private Map<String, String> badFiles() {
    Map<String, String> out = new TreeMap<>();
    for (Row r : warehouse.read(Table.BRONZE_BAD_FILES).select("path", "reason").collectAsList()) {
      out.put(r.getString(0).substring(r.getString(0).lastIndexOf('/') + 1), r.getString(1));
    }
    return out;
  }

  private List<String> silverDossiers() {
    return warehouse.read(Table.SILVER_CASES).select("dossier_id").filter("dossier_id LIKE '%-210402-09%'")
        .orderBy("dossier_id").collectAsList().stream().map(r -> r.getString(0).substring(r.getString(0).length() - 4))
        .toList();
  }

  private String quarantined(String file, int line) {
    List<Row> rows = warehouse.read(Table.SILVER_QUARANTINE)
        .filter("source_file LIKE '%/" + file + "' AND line_number = " + line).select("reason", "detail").collectAsList();
    assertThat(rows).as("quarantine rows of %s:%d", file, line).hasSize(1);
    return rows.get(0).getString(0) + ": " + rows.get(0).getString(1);
  }

  @Test
  @Order(1)
  void theFilesThatCannotBeReadAreSetAsideEachWithItsReason() {
    Map<String, String> bad = badFiles();
    assertThat(bad).containsOnlyKeys("zero-bytes.jsonl.gz", "truncated.jsonl.gz", "utf16-no-bom.jsonl",
        "windows-1258.csv", "2021-03-01.csv");
    assertThat(bad.get("zero-bytes.jsonl.gz")).startsWith("empty .gz file");
    assertThat(bad.get("truncated.jsonl.gz")).startsWith("truncated gzip stream");
    assertThat(bad.get("utf16-no-bom.jsonl")).startsWith("NUL byte at byte 1 ");
    assertThat(bad.get("windows-1258.csv")).startsWith("not UTF-8: invalid byte sequence at byte ");
    assertThat(bad.get("2021-03-01.csv")).isEqualTo("reference snapshot without the column sector");
    assertThat(ingest.unreadable()).hasSize(5);
    // the ledger keeps them so that an unchanged bad file is not read, nor reported, every day
    assertThat(warehouse.read(Table.BRONZE_FILES).filter("status = 'unreadable'").count()).isEqualTo(5);
  }

  @Test
  @Order(2)
  void everyOtherRecordIsInSilverOrQuarantineAndTheBatchBalances() {
    assertThat(ingest.rawRecords()).isEqualTo(ingest.bronzeRows());
    // basic's 21 records + UTF-16 1 + long line 2 + duplicate key 1 + extra key 1 + field counts 2 + extra column 1
    assertThat(ingest.rawRecords()).isEqualTo(21 + 1 + 2 + 1 + 1 + 2 + 1);
    assertThat(normalize.accepted() + normalize.quarantined()).isEqualTo(ingest.bronzeRows());
    Row rec = warehouse.read(Table.OPS_RECONCILIATION).filter("batch_id = 'batch-1'").head();
    assertThat(rec.<Boolean>getAs("balanced")).isTrue();
    // UTF-16 with its mark, a line after a 10 MB one, unknown extra key and column: accepted
    assertThat(silverDossiers()).containsExactly("0903", "0906", "0908", "0911");
  }

  @Test
  @Order(3)
  void brokenRecordsAreQuarantinedWithTheirReason() {
    assertThat(quarantined("duplicate-key.jsonl", 1)).startsWith("malformed_record: duplicate key near column ");
    assertThat(quarantined("field-counts.csv", 2)).endsWith("27 fields where the header has 26");
    assertThat(quarantined("field-counts.csv", 3)).endsWith("25 fields where the header has 26");
    assertThat(quarantined("long-line.jsonl", 1)).startsWith("malformed_record: invalid JSON");
    // kept, but a 10 MB value is no code of MaHoSo's shape: it cannot be classified, so it is masked
    assertThat(warehouse.read(Table.SILVER_QUARANTINE).filter("source_file LIKE '%/long-line.jsonl'")
        .select("record").head().getString(0)).matches("\\{\"MaHoSo\": \"h:[0-9a-f]{64}");
  }

  @Test
  @Order(4)
  void aSnapshotWithADuplicateCodeKeepsTheFirstRowAndABrokenOneLeavesTheLastGoodInForce() {
    assertThat(warehouse.read(Table.SILVER_AGENCIES).filter("agency_name = 'Tên trùng'").count()).isZero();
    assertThat(warehouse.read(Table.SILVER_AGENCIES).filter("agency_code = '000.00.760.H29'").count()).isEqualTo(1);
    assertThat(warehouse.read(Table.SILVER_PROCEDURES).filter("snapshot_file = '2021-03-01.csv'").count()).isZero();
    assertThat(warehouse.read(Table.SILVER_PROCEDURES).filter("valid_to IS NOT NULL").count()).isZero();
  }

  @Test
  @Order(5)
  void aBadFileDeliveredAgainWhole() throws IOException {
    IngestJob.Result unchanged = new IngestJob(warehouse, new DeltaWriter(warehouse, "batch-2"), Fixtures.PII)
        .run(raw.toString(), Instant.now());
    assertThat(unchanged.unreadable()).isEmpty();
    assertThat(unchanged.filesLoaded()).isZero();

    write(DVC + "truncated.jsonl.gz", gzip(dossier(901) + "\n" + dossier(902) + "\n"));
    IngestJob.Result again = new IngestJob(warehouse, new DeltaWriter(warehouse, "batch-3"), Fixtures.PII)
        .run(raw.toString(), Instant.now());
    new NormalizeJob(warehouse, new DeltaWriter(warehouse, "norm-3")).run(Instant.now());
    assertThat(again.filesLoaded()).isEqualTo(1);
    assertThat(again.rawRecords()).isEqualTo(2);
    assertThat(silverDossiers()).contains("0901", "0902");
    assertThat(badFiles()).hasSize(5);
  }
}
