package io.fileparser.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.files.entity.FileFormat;
import io.fileparser.upload.detection.ContentSniffer;
import io.fileparser.upload.detection.CsvDialect;
import io.fileparser.upload.detection.Detection;
import io.fileparser.upload.validation.DeepValidator;
import io.fileparser.upload.validation.ValidationLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds the upload recognisers to the golden corpus in {@code corpus/detection/} at the repository
 * root, which the worker's {@code test_detection_corpus.py} reads too, so Java and Python cannot
 * drift apart. Each sample must have an entry in {@code expected.json}, and what {@link
 * ContentSniffer} and {@link DeepValidator} find must equal its {@code facts} exactly; the corpus's
 * README describes the vocabulary.
 *
 * <p>Java needs no name mapping: its format names and CDR layout names are the corpus's. Quoting is
 * always RFC 4180's (the quote is {@code "}, a doubled quote inside a quoted field is one quote),
 * as {@link CsvDialect} documents. The encoding is the deep validator's, which reads the whole
 * file, as the worker does.
 */
class DetectionCorpusTest {

  /** Set by surefire in the module's pom; the fallback serves a run from the module directory. */
  private static final Path CORPUS =
      Path.of(System.getProperty("fileparser.detection.corpus", "../corpus/detection"));

  private static final Set<String> NOT_SAMPLES = Set.of("README.md", "expected.json");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ContentSniffer sniffer = new ContentSniffer();
  private final DeepValidator validator = new DeepValidator();

  static List<String> samples() throws IOException {
    try (Stream<Path> files = Files.list(CORPUS)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> !NOT_SAMPLES.contains(name))
          .sorted()
          .toList();
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void recognisesSampleAsExpected(String sample) throws IOException {
    JsonNode expected = expectations().get(sample);
    assertNotNull(expected, sample + " has no entry in " + CORPUS.resolve("expected.json"));

    assertEquals(expected.get("facts"), facts(CORPUS.resolve(sample)), sample);
  }

  @Test
  void everyExpectationNamesASample() throws IOException {
    List<String> orphans = new ArrayList<>();
    expectations().fieldNames().forEachRemaining(orphans::add);
    orphans.removeAll(samples());

    assertTrue(orphans.isEmpty(), "expected.json names missing samples: " + orphans);
  }

  private ObjectNode facts(Path sample) throws IOException {
    byte[] bytes = Files.readAllBytes(sample);
    Detection detection = sniffer.detect(bytes, bytes.length, false);
    ObjectNode facts = JSON.createObjectNode();
    facts.put("format", detection.isSupported() ? detection.format().name() : null);
    facts.put("layout", detection.layout());
    facts.put("encoding", encoding(detection, sample));
    CsvDialect dialect = detection.dialect();
    if (dialect == null) {
      facts.putNull("dialect");
    } else {
      ObjectNode shape = facts.putObject("dialect");
      shape.put("delimiter", String.valueOf(dialect.delimiter()));
      shape.put("quote", "\"");
      shape.put("doubleQuote", true);
      shape.put("hasHeader", dialect.hasHeader());
      shape.put("columns", dialect.columns());
    }
    return facts;
  }

  private String encoding(Detection detection, Path sample) throws IOException {
    if (!detection.isSupported() || detection.format() == FileFormat.PDF) {
      return null;
    }
    DeepValidator.Facts facts =
        validator.validate(
            detection.format(),
            detection.layout(),
            detection.dialect(),
            sample,
            ValidationLimits.defaults());
    return (String) facts.details().get("encoding");
  }

  private static JsonNode expectations() throws IOException {
    return JSON.readTree(CORPUS.resolve("expected.json").toFile());
  }
}
