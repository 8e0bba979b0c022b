package vn.hcmc.cchc.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline's commands as {@code scripts/airflow/commands.json} writes them once for Airflow, CI
 * and the tests: each an argv run from the project root, whose {@code {field}}s take the values
 * given. Same rules as {@code scripts/airflow/cchc_commands.py}: every field needs a value, and a
 * value no field uses is an error.
 */
public final class PipelineCommands {
  public static final Path FILE = Launcher.ROOT.resolve("scripts/airflow/commands.json");

  private static final Pattern FIELD = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private final Map<String, List<String>> templates;

  private PipelineCommands(Map<String, List<String>> templates) {
    this.templates = templates;
  }

  /** The commands of the project's commands.json. */
  public static PipelineCommands load() {
    return load(FILE);
  }

  public static PipelineCommands load(Path file) {
    try {
      JsonNode commands = new ObjectMapper().readTree(file.toFile()).required("commands");
      Map<String, List<String>> templates = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> command : commands.properties()) {
        List<String> argv = new ArrayList<>();
        command.getValue().forEach(arg -> argv.add(arg.asText()));
        templates.put(command.getKey(), List.copyOf(argv));
      }
      return new PipelineCommands(templates);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public Set<String> names() {
    return new TreeSet<>(templates.keySet());
  }

  /** The fields command {@code name} needs, in order of first use. */
  public List<String> fields(String name) {
    Set<String> fields = new LinkedHashSet<>();
    for (String arg : template(name)) {
      Matcher m = FIELD.matcher(arg);
      while (m.find()) {
        fields.add(m.group(1));
      }
    }
    return List.copyOf(fields);
  }

  /** The argv of command {@code name} with every {@code {field}} replaced by its value. */
  public List<String> render(String name, Map<String, String> values) {
    List<String> fields = fields(name);
    if (!values.keySet().equals(Set.copyOf(fields))) {
      throw new IllegalArgumentException("command " + name + " takes the values " + fields + ", not "
          + new TreeSet<>(values.keySet()));
    }
    List<String> argv = new ArrayList<>();
    for (String arg : template(name)) {
      argv.add(FIELD.matcher(arg).replaceAll(m -> Matcher.quoteReplacement(values.get(m.group(1)))));
    }
    return List.copyOf(argv);
  }

  private List<String> template(String name) {
    List<String> argv = templates.get(name);
    if (argv == null) {
      throw new IllegalArgumentException("no command " + name + " in " + FILE + "; there are " + names());
    }
    return argv;
  }
}
