package vn.hcmc.cchc.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** The personal values of a generated landing zone, to look for where none may be. */
public final class PersonalData {
  private PersonalData() {}

  /** Names, ID numbers and phones written in clear by the generator (JSON lines; legacy CSV columns). */
  public static Set<String> in(Path raw) throws IOException {
    Set<String> values = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> files = Files.walk(raw.resolve("cases"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text;
        try (InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(f))
            : Files.newInputStream(f)) {
          text = Normalizer.normalize(new String(in.readAllBytes(), StandardCharsets.UTF_8), Normalizer.Form.NFC);
        }
        if (f.toString().contains("/dvc/")) {
          for (String line : text.split("\n")) {
            try {
              JsonNode owner = json.readTree(line).get("ChuHoSo");
              if (owner != null) {
                owner.forEach(v -> addIfPersonal(values, v.asText()));
              }
            } catch (IOException e) {
              // deliberately malformed line
            }
          }
        } else {
          for (String line : text.split("\r?\n")) {
            String[] cells = line.split(";");
            if (cells.length >= 26 && !line.startsWith("\uFEFF") && !cells[0].startsWith("M")) {
              for (int i = 23; i < 26; i++) {
                addIfPersonal(values, cells[i].replace("\"", ""));
              }
            }
          }
        }
      }
    }
    return values;
  }

  private static void addIfPersonal(Set<String> values, String v) {
    String s = v.strip();
    if (s.length() >= 8) {
      values.add(s);
    }
  }
}
