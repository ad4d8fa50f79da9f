package io.fileparser.templates;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which texts a fixed-width template fits, with the built-in Avaya document and its sample. */
class FixedWidthFitTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode builtin(String key) throws IOException {
    try (InputStream in =
        FixedWidthFitTest.class
            .getClassLoader()
            .getResourceAsStream("builtin_templates/" + key + ".json")) {
      return JSON.readTree(in);
    }
  }

  private static String sample(String name) throws IOException {
    Path repo = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(repo.resolve("worker"))) {
      repo = repo.getParent();
    }
    return Files.readString(
        repo.resolve("worker/tests/samples/vendors/" + name), StandardCharsets.UTF_8);
  }

  @Test
  void theAvayaSampleFitsTheAvayaTemplate() throws IOException {
    assertTrue(
        FixedWidthFit.fits(
            builtin("avaya-cm-customized"), sample("avaya-cm-customized.txt"), false));
  }

  @Test
  void proseAndCsvDoNotFit() throws IOException {
    JsonNode avaya = builtin("avaya-cm-customized");
    assertFalse(
        FixedWidthFit.fits(
            avaya,
            "Dear customer,\nthank you for your order of 12 March.\nKind regards,\nthe team\n",
            false));
    assertFalse(FixedWidthFit.fits(avaya, sample("kamailio-acc.csv"), false));
    assertFalse(FixedWidthFit.fits(avaya, "", false));
  }

  @Test
  void aDelimitedTemplateFitsNothingHere() throws IOException {
    assertFalse(
        FixedWidthFit.fits(
            builtin("asterisk-master-csv"), sample("avaya-cm-customized.txt"), false));
  }

  @Test
  void aLineCutByTheHeadsEndIsNotJudged() throws IOException {
    String text = sample("avaya-cm-customized.txt");
    String cut = text + text.substring(0, 20); // a sixth line broken off after 20 characters
    assertTrue(FixedWidthFit.fits(builtin("avaya-cm-customized"), cut, true));
    assertFalse(
        FixedWidthFit.fits(builtin("avaya-cm-customized"), cut + "\n" + "x\n".repeat(3), false));
  }

  @Test
  void strptimePatternsBecomeShapes() {
    assertTrue(FixedWidthFit.strptime("%m%d%y %H%M").matcher("030424 0912").matches());
    assertFalse(FixedWidthFit.strptime("%m%d%y %H%M").matcher("March 0912").matches());
    assertTrue(
        FixedWidthFit.strptime("%Y-%m-%d %H:%M:%S").matcher("2026-03-01 10:15:00").matches());
    assertTrue(FixedWidthFit.strptime("epoch").matcher("1709543521").matches());
  }
}
