package vn.hcmc.cchc.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The layout of {@code --help}: each element of a command's {@code description} is a paragraph,
 * and it and every option's description wrap at spaces only (picocli's own wrapping breaks {@code
 * silver.cases} or {@code cchc.publish.schema} after a dot); the footer's examples print as
 * written, one command a line, so that they can be copied whole. The first paragraph is the
 * summary that {@code scripts/cchc --help} lists: one sentence short enough for that list's column.
 */
final class HelpText {
  private static final String NL = System.lineSeparator();

  private HelpText() {}

  /** Installs the layout on {@code cli} and every subcommand under it. */
  static void install(CommandLine cli) {
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_DESCRIPTION,
        help -> paragraphs(help.commandSpec().usageMessage().description(), help.commandSpec().usageMessage().width()));
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST,
        help -> help.optionList(layout(help), help.createDefaultOptionSort(), help.parameterLabelRenderer()));
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
        help -> help.parameterList(layout(help), help.parameterLabelRenderer()));
    cli.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER,
        help -> lines(help.commandSpec().usageMessage().footer()));
    cli.getSubcommands().values().forEach(HelpText::install);
  }

  /**
   * picocli's layout of the option and parameter lists, with each description cut into lines
   * that fit its column before picocli sees it (so picocli has nothing left to break).
   */
  private static Help.Layout layout(Help help) {
    Help.Layout base = help.createDefaultLayout();
    Help.Column[] columns = base.textTable().columns();
    Help.Column description = columns[columns.length - 1];
    int room = description.width - description.indent - base.textTable().indentWrappedLines - 1;
    Help.IOptionRenderer options = (option, labels, scheme) ->
        rewrap(base.optionRenderer().render(option, labels, scheme), room, base.textTable().indentWrappedLines, scheme);
    Help.IParameterRenderer parameters = (parameter, labels, scheme) ->
        rewrap(base.parameterRenderer().render(parameter, labels, scheme), room, base.textTable().indentWrappedLines,
            scheme);
    return new Help.Layout(help.colorScheme(), base.textTable(), options, parameters);
  }

  /** The rows of one option with its description (the last column) in lines of {@code room} characters. */
  private static Text[][] rewrap(Text[][] rows, int room, int indent, Help.ColorScheme scheme) {
    int last = rows[0].length - 1;
    StringBuilder text = new StringBuilder();
    for (Text[] row : rows) {
      text.append(row[last] == null ? "" : row[last].plainString()).append(' ');
    }
    List<String> lines = wrap(text.toString(), room);
    Text[][] out = new Text[lines.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = i == 0 ? rows[0].clone() : blank(last + 1, scheme);
      out[i][last] = scheme.text((i == 0 ? "" : " ".repeat(indent)) + lines.get(i));
    }
    return out;
  }

  private static Text[] blank(int cells, Help.ColorScheme scheme) {
    Text[] row = new Text[cells];
    Arrays.fill(row, scheme.text(""));
    return row;
  }

  /**
   * Each text a paragraph of lines at most {@code width} long, broken only at spaces; {@code %n}
   * (or a line break) starts a new line, as in picocli's own texts (its {@code help} command's).
   */
  static String paragraphs(String[] texts, int width) {
    StringBuilder out = new StringBuilder();
    for (String text : texts) {
      for (String paragraph : text.split("%n|\\R", -1)) {
        wrap(paragraph, width).forEach(line -> out.append(line).append(NL));
      }
    }
    return out.toString();
  }

  /** {@code text}'s words in lines at most {@code width} long (a longer word has a line of its own). */
  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.strip().split("\\s+")) {
      if (line.length() > 0 && line.length() + 1 + word.length() > width) {
        lines.add(line.toString());
        line.setLength(0);
      }
      line.append(line.length() > 0 ? " " : "").append(word);
    }
    lines.add(line.toString());
    return lines;
  }

  private static String lines(String[] lines) {
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(line).append(NL);
    }
    return out.toString();
  }
}
