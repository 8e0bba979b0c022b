package vn.hcmc.cchc;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.junit.jupiter.api.Test;
import vn.hcmc.cchc.config.archfixture.ImportsAStage;
import vn.hcmc.cchc.config.archfixture.TransformThatReadsAFile;
import vn.hcmc.cchc.tables.DeltaWriter;
import vn.hcmc.cchc.tables.Transform;
import vn.hcmc.cchc.tables.Warehouse;
import vn.hcmc.cchc.tables.WarehouseLock;

/**
 * The layering of {@code jobs/src/main/java} (README, "Code layout") as rules, so that a stage
 * importing another fails the build instead of a review. The layers, bottom up: the kernel, which
 * every layer may use; the stages, which use only the kernel; {@code pipeline}, which runs stages;
 * {@code cli}, the launcher on top. The rules read production classes only; the fixtures of
 * {@code config.archfixture} (test sources) prove that the rules do refuse what they claim to.
 */
class ArchitectureTest {
  private static final String ROOT = "vn.hcmc.cchc.";
  static final List<String> KERNEL =
      List.of("config", "session", "tables", "quality", "pii", "text", "reference", "city");
  static final List<String> STAGES = List.of("generate", "ingest", "normalize", "marts", "serve", "ops");
  static final String PIPELINE = "pipeline";
  static final String CLI = "cli";

  /** Every class of the main source set: read from where {@link Transform} was compiled, no jar searched. */
  private static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importUrl(Transform.class.getProtectionDomain().getCodeSource().getLocation());

  /** {@code vn.hcmc.cchc.x..} for each layer {@code x}. */
  private static String[] packages(Stream<String> layers) {
    return layers.map(l -> ROOT + l + "..").toArray(String[]::new);
  }

  private static String[] packages(List<String> layers, String... more) {
    return packages(Stream.concat(layers.stream(), Stream.of(more)));
  }

  static final ArchRule KERNEL_USES_NO_LAYER_ABOVE = noClasses()
      .that().resideInAnyPackage(packages(KERNEL))
      .should().dependOnClassesThat().resideInAnyPackage(packages(STAGES, PIPELINE, CLI))
      .because("the kernel is what every stage shares: if it needed a stage, that stage could not be changed, "
          + "tested or moved without the whole product, and a cycle would hide behind it");

  static final ArchRule STAGE_USES_NO_OTHER_STAGE = CompositeArchRule.of(STAGES.stream()
      .map(stage -> (ArchRule) noClasses()
          .that().resideInAPackage(ROOT + stage + "..")
          .should().dependOnClassesThat().resideInAnyPackage(
              packages(Stream.concat(STAGES.stream().filter(s -> !s.equals(stage)), Stream.of(PIPELINE, CLI))))
          .allowEmptyShould(true))
      .toList())
      .because("a stage talks to the next one only through the warehouse's tables and the kernel's "
          + "declarations of them; a class shared by two stages belongs in the kernel, and the order of "
          + "the stages belongs to pipeline");

  static final ArchRule PIPELINE_USES_NO_LAUNCHER = noClasses()
      .that().resideInAPackage(ROOT + PIPELINE + "..")
      .should().dependOnClassesThat().resideInAPackage(ROOT + CLI + "..")
      .allowEmptyShould(true)
      .because("Airflow, a notebook or a test may run the pipeline without a command line; "
          + "cli only parses arguments and maps outcomes to exit codes");

  static final ArchRule ONLY_THE_LAUNCHER_USES_PICOCLI = noClasses()
      .that().resideOutsideOfPackage(ROOT + CLI + "..")
      .should().dependOnClassesThat().resideInAPackage("picocli..")
      .because("flags are parsed once, in the launcher; a job takes its parameters as values, "
          + "so that it runs the same from spark-submit, Airflow or a test");

  /** What a transform must not touch: the warehouse, files, file systems, databases, Spark's readers and writers. */
  static final DescribedPredicate<JavaClass> IO = belongToAnyOf(Warehouse.class, DeltaWriter.class,
      WarehouseLock.class, Files.class, DataFrameReader.class, DataFrameWriter.class, DataFrameWriterV2.class,
      DataStreamReader.class, DataStreamWriter.class)
      .or(resideInAPackage("java.io").and(simpleNameStartingWith("File")))
      .or(resideInAnyPackage("org.apache.hadoop.fs..", "java.sql.."))
      .as("I/O (the warehouse, its lock, files, Hadoop file systems, JDBC, Spark readers and writers)");

  static final ArchRule TRANSFORMS_DO_NO_IO = noClasses()
      .that().areAnnotatedWith(Transform.class)
      .should().dependOnClassesThat(IO)
      .orShould().callMethod(Dataset.class, "write")
      .because("a transform is a function of its arguments (STYLE.md, 2): tested on a tiny in-memory frame, "
          + "the same output for the same input, and the writes of a run in one place per table");

  @Test
  void theKernelDependsOnNoStageNorOnThePipelineNorOnTheLauncher() {
    KERNEL_USES_NO_LAYER_ABOVE.check(PRODUCTION);
  }

  @Test
  void aStageDependsOnNoOtherStageNorOnThePipelineNorOnTheLauncher() {
    STAGE_USES_NO_OTHER_STAGE.check(PRODUCTION);
  }

  @Test
  void thePipelineDependsOnNoLauncher() {
    PIPELINE_USES_NO_LAUNCHER.check(PRODUCTION);
  }

  @Test
  void onlyTheLauncherUsesPicocli() {
    ONLY_THE_LAUNCHER_USES_PICOCLI.check(PRODUCTION);
  }

  @Test
  void transformsDoNoIo() {
    TRANSFORMS_DO_NO_IO.check(PRODUCTION);
  }

  @Test
  void theKernelRuleRefusesAKernelClassThatImportsAStage() {
    EvaluationResult result = KERNEL_USES_NO_LAYER_ABOVE.evaluate(new ClassFileImporter().importClasses(ImportsAStage.class));
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains(ImportsAStage.class.getName(), "vn.hcmc.cchc.ingest.IngestJob"));
  }

  @Test
  void theTransformRuleRefusesATransformThatReadsAFile() {
    EvaluationResult result =
        TRANSFORMS_DO_NO_IO.evaluate(new ClassFileImporter().importClasses(TransformThatReadsAFile.class));
    assertThat(result.getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains(TransformThatReadsAFile.class.getName(), "java.nio.file.Files"));
  }

  @Test
  void theMainRulesReadNoTestClass() {
    assertThat(PRODUCTION.contain(ImportsAStage.class)).isFalse();
    assertThat(PRODUCTION.contain(Transform.class)).isTrue();
  }
}
