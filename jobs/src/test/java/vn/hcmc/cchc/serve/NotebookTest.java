package vn.hcmc.cchc.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.hcmc.cchc.config.UsageException;
import vn.hcmc.cchc.session.Stopwatch;
import vn.hcmc.cchc.support.GeneratedWarehouse;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.Python;
import vn.hcmc.cchc.support.TestSpark;

/**
 * The analysts' notebooks of {@code notebooks/}: each is nbformat 4 with no outputs committed, and
 * each {@code %%cchc_sql} cell runs through {@link WarehouseSql} (the engine of {@code scripts/cchc
 * sql}, which the cell magic calls) on the generated 2021 warehouse: it parses and runs, reads only
 * the marts, answers with at least one row, and names every column. The cells run in the city's
 * time zone, {@link WarehouseSql}'s default as {@code sql}'s.
 */
class NotebookTest {
  private static final Logger LOG = LoggerFactory.getLogger(NotebookTest.class);
  private static final Path DIR = Launcher.ROOT.resolve("notebooks");
  private static final Path STUB = Launcher.ROOT.resolve("jobs/src/test/resources/notebook-stub");
  private static final String MAGIC = "%%cchc_sql";
  /** What a cell may read: the marts, and the agency snapshots for an agency's level and district. */
  private static final Pattern TABLE = Pattern.compile("\\b(bronze|silver|gold|ops)\\.([a-z_]+)\\b");
  private static final Set<String> READABLE = Set.of("gold.case_monthly", "gold.procedure_monthly",
      "gold.work_monthly", "gold.target_attainment", "silver.agencies");
  /** A header an analyst can read and pandas can address: not {@code _c0}, not {@code round(x, 2)}. */
  private static final Pattern COLUMN = Pattern.compile("[a-z][a-z0-9_]*");

  private static WarehouseSql engine;

  /** One {@code %%cchc_sql} cell: the notebook's file name, the cell's index, its SQL. */
  record SqlCell(String notebook, int index, String sql) {
    /** The first comment line, which says what the cell answers. */
    String question() {
      String first = sql.strip().lines().findFirst().orElse("");
      return first.startsWith("--") ? first.substring(2).strip() : "";
    }

    @Override
    public String toString() {
      return notebook + " cell " + index + ": " + question();
    }
  }

  @BeforeAll
  static void warehouse() {
    Stopwatch clock = Stopwatch.start();
    engine = WarehouseSql.over(GeneratedWarehouse.year2021());
    LOG.info("notebooks: GeneratedWarehouse.year2021() ready after {}", clock);
  }

  @TestFactory
  Stream<DynamicTest> everySqlCellAnswersOnTheGeneratedYear() {
    List<SqlCell> cells = notebooks().flatMap(NotebookTest::sqlCells).toList();
    LOG.info("notebooks: {} SQL cells in {}", cells.size(), DIR);
    return cells.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
      try {
        Stopwatch clock = Stopwatch.start();
        int rows = assertAnswers(c.sql());
        LOG.info("notebooks: {}: {} rows in {}", c, rows, clock);
      } catch (UsageException | AssertionError e) {
        throw new AssertionError(c + ": " + e.getMessage(), e);
      }
    }));
  }

  @Test
  void theAnalystsNotebooksAreThereWithQuestionsAndSql() {
    assertThat(notebooks().map(p -> p.getFileName().toString()))
        .contains("01-targets-2025-2030.ipynb", "02-late-dossiers.ipynb");
    notebooks().forEach(nb -> {
      List<SqlCell> cells = sqlCells(nb).toList();
      assertThat(cells).as("SQL cells of %s", nb).hasSizeGreaterThanOrEqualTo(4);
      assertThat(cells).as("each SQL cell of %s opens with a -- comment saying what it answers", nb)
          .allSatisfy(c -> assertThat(c.question()).isNotBlank());
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notebooks")
  void isNbformat4WithAKernelAndNoOutputs(Path notebook) {
    JsonNode nb = read(notebook);
    assertThat(nb.path("nbformat").asInt()).isEqualTo(4);
    assertThat(nb.path("nbformat_minor").isInt()).isTrue();
    JsonNode kernel = nb.path("metadata").path("kernelspec");
    assertThat(kernel.path("name").asText()).isNotBlank();
    assertThat(kernel.path("display_name").asText()).isNotBlank();
    assertThat(nb.path("cells").isArray()).isTrue();
    Set<String> ids = new HashSet<>();
    for (JsonNode cell : nb.path("cells")) {
      String type = cell.path("cell_type").asText();
      assertThat(type).isIn("markdown", "code", "raw");
      assertThat(cell.path("metadata").isObject()).as("metadata of %s", cell).isTrue();
      assertThat(cell.path("source").isArray() || cell.path("source").isTextual()).isTrue();
      if (nb.path("nbformat_minor").asInt() >= 5) {
        assertThat(ids.add(cell.path("id").asText())).as("a unique id for %s", cell).isTrue();
        assertThat(cell.path("id").asText()).matches("[a-zA-Z0-9_-]{1,64}");
      }
      if (type.equals("code")) {
        assertThat(cell.path("outputs").isArray() && cell.path("outputs").isEmpty())
            .as("outputs committed in %s: %s", notebook.getFileName(), source(cell)).isTrue();
        assertThat(cell.path("execution_count").isNull()).as("execution_count of %s", source(cell)).isTrue();
      }
    }
    List<String> code = codeSources(nb);
    assertThat(code).as("code cells of %s", notebook.getFileName()).isNotEmpty();
    assertThat(code.get(0)).as("the first code cell loads the magic").contains("%load_ext cchc_sql");
    assertThat(code.subList(1, code.size())).as("every later code cell is a %%cchc_sql cell or a chart of one")
        .allSatisfy(s -> assertThat(s).matches("(?s)(" + MAGIC + "|# Chart: ).*"));
  }

  @Test
  void cellsReadOnlyTheMartsAndAgencyNames() {
    notebooks().flatMap(NotebookTest::sqlCells).forEach(c -> {
      Matcher m = TABLE.matcher(c.sql());
      Set<String> tables = new TreeSet<>();
      while (m.find()) {
        tables.add(m.group());
      }
      assertThat(tables).as("tables of %s", c).isNotEmpty().isSubsetOf(READABLE);
    });
  }

  @Test
  void aCellNamingAColumnTheMartsDoNotHaveIsABadQuery() {
    SqlCell cell = notebooks().flatMap(NotebookTest::sqlCells).filter(c -> c.sql().contains("resolved_late"))
        .findFirst().orElseThrow();
    String drifted = cell.sql().replace("resolved_late", "resolved_too_late");

    assertThatThrownBy(() -> assertAnswers(drifted)).isInstanceOf(UsageException.class)
        .hasMessageStartingWith("bad query: ").hasMessageContaining("resolved_too_late");
    assertThatThrownBy(() -> assertAnswers(cell.sql().replace("gold.case_monthly", "gold.cases_monthly")))
        .isInstanceOf(UsageException.class).hasMessageContaining("TABLE_OR_VIEW_NOT_FOUND")
        .hasMessageContaining("cases_monthly");
  }

  @Test
  void aCellWithAnUnnamedColumnOrNoAnswerFails() {
    assertThatThrownBy(() -> assertAnswers("SELECT period_month, round(late_rate, 2) FROM gold.case_monthly"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("round(late_rate, 2)");
    assertThatThrownBy(() -> assertAnswers("SELECT 1, 2"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("1");
    assertThatThrownBy(() -> assertAnswers("SELECT late_rate FROM gold.case_monthly WHERE scope_type = 'province'"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("no row");
    // Spark 4 is ANSI: an error of the data surfaces only when the rows are read, and still fails the cell
    assertThatThrownBy(() -> assertAnswers("SELECT resolved / pending_overdue AS ratio FROM gold.case_monthly"))
        .hasStackTraceContaining("DIVIDE_BY_ZERO");
  }

  @Test
  void theCellMagicRunsTheLaunchersSqlCommandAndReadsItsCsv() throws IOException {
    Outcome compiled = Python.run(Map.of(), "-m", "py_compile", DIR.resolve("cchc_sql.py").toString());
    assertThat(compiled.exitCode()).as("py_compile cchc_sql.py: %s", compiled.stderr()).isZero();

    JsonNode kept = runMagic(Map.of("CCHC_WAREHOUSE", "/data/wh 1"), "rates", "SELECT 1 AS one");
    assertThat(kept.path("magics").toString()).isEqualTo("[\"cell:cchc_sql\"]");
    assertThat(kept.path("returned").path("csv").asText()).as("the stub launcher's arguments, one a line")
        .isEqualTo("sql\n--warehouse\n/data/wh 1\n--format\ncsv\nSELECT 1 AS one\n");
    assertThat(kept.path("variables").toString()).isEqualTo("[\"rates\"]");

    JsonNode byConfig = runMagic(Map.of(), "", "SELECT 1 AS one");
    assertThat(byConfig.path("returned").path("csv").asText()).as("no --time-zone: sql's default, the city's")
        .isEqualTo("sql\n--format\ncsv\nSELECT 1 AS one\n");
    assertThat(byConfig.path("variables").isEmpty()).isTrue();
    assertThat(runMagic(Map.of("CCHC_TIME_ZONE", "UTC"), "", "SELECT 1 AS one").path("returned").path("csv").asText())
        .isEqualTo("sql\n--time-zone\nUTC\n--format\ncsv\nSELECT 1 AS one\n");

    assertThat(runMagic(Map.of(), "", "SELEC 1").path("error").asText())
        .isEqualTo("RuntimeError: cchc sql: bad query: [PARSE_SYNTAX_ERROR] near 'SELEC'");
    assertThat(runMagic(Map.of(), "two words", "SELECT 1").path("error").asText()).startsWith("ValueError");
  }

  /**
   * The magic of {@code cchc_sql.py} on one cell, with stand-ins for IPython, pandas and {@code
   * scripts/cchc} (a script that prints its arguments, or fails like the launcher on {@code SELEC}).
   */
  private static JsonNode runMagic(Map<String, String> env, String line, String cell) throws IOException {
    Path launcher = TestSpark.tempDir("stub-cchc").resolve("cchc");
    Files.writeString(launcher, String.join("\n", "#!/bin/sh",
        "for last; do :; done",
        "case \"$last\" in SELEC\\ *) echo 'WARN a Spark log line' >&2;",
        "  echo \"cchc sql: bad query: [PARSE_SYNTAX_ERROR] near 'SELEC'\" >&2; exit 2 ;; esac",
        "printf '%s\\n' \"$@\"", ""));
    assertThat(launcher.toFile().setExecutable(true)).isTrue();
    Outcome out = Python.run(env, STUB.resolve("run_magic.py").toString(), DIR.toString(), launcher.toString(), line,
        cell);
    assertThat(out.exitCode()).as(out.stderr()).isZero();
    return json(out.stdout());
  }

  /** Runs the cell's SQL as {@code scripts/cchc sql} would and checks what an analyst would see. */
  private static int assertAnswers(String sql) {
    Dataset<Row> result = engine.query(sql);
    List<String> columns = List.of(result.columns());
    assertThat(columns).as("column names").doesNotHaveDuplicates()
        .allSatisfy(c -> assertThat(c).as("a column without a readable name: give it AS name").matches(COLUMN));
    // the whole result, as the analyst gets it: errors of the data (ANSI casts, division) surface here
    List<Row> rows = result.collectAsList();
    assertThat(rows).as("no row: the generated year should answer %s", sql).isNotEmpty();
    return rows.size();
  }

  static Stream<Path> notebooks() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<SqlCell> sqlCells(Path notebook) {
    String name = notebook.getFileName().toString().replaceFirst("\\.ipynb$", "");
    JsonNode cells = read(notebook).path("cells");
    List<SqlCell> out = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      JsonNode cell = cells.get(i);
      String source = source(cell);
      if (cell.path("cell_type").asText().equals("code") && source.startsWith(MAGIC)) {
        int nl = source.indexOf('\n');
        out.add(new SqlCell(name, i, nl < 0 ? "" : source.substring(nl + 1)));
      }
    }
    return out.stream();
  }

  private static List<String> codeSources(JsonNode nb) {
    List<String> code = new ArrayList<>();
    nb.path("cells").forEach(c -> {
      if (c.path("cell_type").asText().equals("code")) {
        code.add(source(c));
      }
    });
    return code;
  }

  /** A cell's source: nbformat allows one string or a list of lines. */
  private static String source(JsonNode cell) {
    JsonNode source = cell.path("source");
    if (source.isTextual()) {
      return source.asText();
    }
    StringBuilder text = new StringBuilder();
    source.forEach(line -> text.append(line.asText()));
    return text.toString();
  }

  private static JsonNode read(Path notebook) {
    try {
      return new ObjectMapper().readTree(notebook.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + notebook, e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(text, e);
    }
  }
}
