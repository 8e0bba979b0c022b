package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The three output formats of {@code sql}, on rows with Vietnamese names, numbers, a date and a NULL. */
class ResultPrinterTest {
  private static final StructType SCHEMA = new StructType()
      .add("scope_name", DataTypes.StringType)
      .add("period_month", DataTypes.DateType)
      .add("received_new", DataTypes.LongType)
      .add("on_time_rate", DataTypes.DoubleType);
  private static final List<Row> ROWS = List.of(
      RowFactory.create("Thành phố Hồ Chí Minh", LocalDate.of(2021, 1, 1), 1_484_000L, 99.81),
      RowFactory.create("Quận 1, \"trung tâm\"", LocalDate.of(2021, 2, 1), 512L, null));

  @Test
  void tableAlignsColumnsByCharactersNotBytesAndNumbersToTheRight() {
    List<String> lines = print(ResultPrinter.Format.TABLE).lines().toList();
    assertThat(lines).containsExactly(
        "scope_name             period_month  received_new  on_time_rate",
        "---------------------  ------------  ------------  ------------",
        "Thành phố Hồ Chí Minh  2021-01-01         1484000         99.81",
        "Quận 1, \"trung tâm\"    2021-02-01             512          NULL",
        "(2 rows)");
  }

  @Test
  void csvHasAHeaderQuotesWhatNeedsItAndLeavesNullEmpty() {
    assertThat(print(ResultPrinter.Format.CSV).lines()).containsExactly(
        "scope_name,period_month,received_new,on_time_rate",
        "Thành phố Hồ Chí Minh,2021-01-01,1484000,99.81",
        "\"Quận 1, \"\"trung tâm\"\"\",2021-02-01,512,");
  }

  @Test
  void jsonIsOneObjectPerLineWithNumbersAsNumbersAndNull() {
    assertThat(print(ResultPrinter.Format.JSON).lines()).containsExactly(
        "{\"scope_name\":\"Thành phố Hồ Chí Minh\",\"period_month\":\"2021-01-01\",\"received_new\":1484000,"
            + "\"on_time_rate\":99.81}",
        "{\"scope_name\":\"Quận 1, \\\"trung tâm\\\"\",\"period_month\":\"2021-02-01\",\"received_new\":512,"
            + "\"on_time_rate\":null}");
  }

  @Test
  void instantsPrintWithTheOffsetOfTheZoneAskedInEveryFormat() {
    StructType schema = new StructType().add("received_at", DataTypes.TimestampType);
    List<Row> rows = List.of(RowFactory.create(Instant.parse("2021-03-31T18:30:00Z")));
    ZoneId city = ZoneId.of("Asia/Ho_Chi_Minh");

    assertThat(print(schema, rows, ResultPrinter.Format.CSV, city)).containsExactly("received_at",
        "2021-04-01T01:30:00+07:00");
    assertThat(print(schema, rows, ResultPrinter.Format.JSON, city)).containsExactly(
        "{\"received_at\":\"2021-04-01T01:30:00+07:00\"}");
    assertThat(print(schema, rows, ResultPrinter.Format.TABLE, city)).contains("2021-04-01T01:30:00+07:00");
    assertThat(print(schema, rows, ResultPrinter.Format.CSV, ZoneId.of("UTC"))).containsExactly("received_at",
        "2021-03-31T18:30:00Z");
  }

  private static List<String> print(StructType schema, List<Row> rows, ResultPrinter.Format format, ZoneId zone) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      ResultPrinter.print(schema, rows.iterator(), format, out, zone);
    }
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static String print(ResultPrinter.Format format) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      assertThat(ResultPrinter.print(SCHEMA, ROWS.iterator(), format, out)).isEqualTo(2);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
