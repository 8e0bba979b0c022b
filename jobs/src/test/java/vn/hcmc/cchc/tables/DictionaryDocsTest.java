package vn.hcmc.cchc.tables;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.support.Launcher;

/**
 * docs/TABLES.md and docs/MARTS.md hold one generated block per table ({@link DictionaryDocs}), and
 * each is what the data dictionary says now. When the dictionary changes, the docs are regenerated,
 * not edited: {@code mvn -q -pl jobs test -Dtest=DictionaryDocsTest -Dcchc.docs.write=true}.
 */
class DictionaryDocsTest {
  private static final List<Path> DOCS = List.of(Launcher.ROOT.resolve("docs/TABLES.md"),
      Launcher.ROOT.resolve("docs/MARTS.md"));
  private static final String HOW = "mvn -q -pl jobs test -Dtest=DictionaryDocsTest -Dcchc.docs.write=true";

  @Test
  void everyTableHasOneGeneratedBlockAndEveryBlockIsCurrent() throws IOException {
    List<String> blocks = new ArrayList<>();
    for (Path doc : DOCS) {
      String text = Files.readString(doc, StandardCharsets.UTF_8);
      String fresh = DictionaryDocs.refresh(text);
      if (Boolean.getBoolean("cchc.docs.write") && !fresh.equals(text)) {
        Files.writeString(doc, fresh, StandardCharsets.UTF_8);
        text = fresh;
      }
      assertThat(text).as("%s is stale against the data dictionary: %s", doc.getFileName(), HOW).isEqualTo(fresh);
      blocks.addAll(DictionaryDocs.tablesIn(text));
    }
    assertThat(blocks).as("tables with a generated block in docs/TABLES.md or docs/MARTS.md")
        .containsExactlyInAnyOrderElementsOf(Arrays.stream(Table.values()).map(Table::sqlName).toList());
  }

  @Test
  void aBlockSaysTheGrainAndEveryColumnInBothLanguages() {
    String block = DictionaryDocs.block(Table.GOLD_WORK_MONTHLY);
    assertThat(block).startsWith("<!-- dictionary:gold.work_monthly ")
        .endsWith("<!-- /dictionary:gold.work_monthly -->")
        .contains(DictionaryDocs.KEY + "`period_month`, `scope_type`, `scope_code`.");
    for (Columns.Column c : Table.GOLD_WORK_MONTHLY.columns().list()) {
      assertThat(block).contains("| `" + c.name() + "` | ");
    }
    String stale = "intro\n" + block.replace("| `", "| `x") + "\noutro\n";
    assertThat(DictionaryDocs.refresh(stale)).isEqualTo("intro\n" + block + "\noutro\n");
  }
}
