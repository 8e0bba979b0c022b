package vn.hcmc.cchc.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.Launcher;
import vn.hcmc.cchc.support.Launcher.Outcome;
import vn.hcmc.cchc.support.PipelineCommands;
import vn.hcmc.cchc.support.Python;

/**
 * {@code scripts/airflow/commands.json}, the one place the pipeline's commands are written, rendered
 * alike by its two readers: {@code scripts/airflow/cchc_commands.py} (the DAGs, CI) and the tests'
 * {@link PipelineCommands}, so that what {@code DailyRunsTest} runs in process is what Airflow runs
 * ({@code AirflowIT} runs the DAGs in Airflow itself). Needs {@code python3}: without it the tests
 * fail, they do not skip.
 */
class PipelineCommandsTest {
  private static final Path AIRFLOW = Launcher.ROOT.resolve("scripts/airflow");
  private static final String DAY = "2021-03-29";
  private static final PipelineCommands COMMANDS = PipelineCommands.load();

  @Test
  void thePythonRendererPrintsWhatTheJavaOneRenders() throws IOException {
    Map<String, Map<String, String>> values = Map.of(
        "daily", Map.of("conf", "conf/local.conf", "raw", "data/raw", "warehouse", "data/wh", "date", DAY),
        "backfill", Map.of("conf", "conf/local.conf", "raw", "data/raw", "warehouse", "data/wh",
            "from", "2021-01-01", "to", "2021-03-31"),
        "maintenance", Map.of("conf", "conf/local.conf", "warehouse", "s3a://b/wh"));
    assertThat(COMMANDS.names()).containsExactlyInAnyOrderElementsOf(values.keySet());

    for (Map.Entry<String, Map<String, String>> command : values.entrySet()) {
      List<String> args = new ArrayList<>(List.of(AIRFLOW.resolve("cchc_commands.py").toString(), command.getKey()));
      command.getValue().forEach((field, value) -> args.addAll(List.of("--" + field, value)));
      Outcome printed = Python.run(Map.of(), args.toArray(String[]::new));
      assertThat(printed.exitCode()).as(printed.stderr()).isZero();
      assertThat(printed.stdout().lines()).hasSize(1);
      List<String> argv = new ArrayList<>();
      new ObjectMapper().readTree(printed.stdout()).forEach(a -> argv.add(a.asText()));
      assertThat(argv).isEqualTo(COMMANDS.render(command.getKey(), command.getValue()));
    }
  }

  @Test
  void theJavaRendererWantsEveryFieldAndNoOther() {
    assertThat(COMMANDS.fields("daily")).containsExactly("conf", "raw", "warehouse", "date");
    assertThatThrownBy(() -> COMMANDS.render("daily", Map.of("conf", "c", "raw", "r", "warehouse", "w")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("date");
    assertThatThrownBy(() -> COMMANDS.render("maintenance", Map.of("conf", "c", "warehouse", "w", "date", DAY)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("date");
    assertThatThrownBy(() -> COMMANDS.render("weekly", Map.of())).hasMessageContaining("daily");
  }
}
