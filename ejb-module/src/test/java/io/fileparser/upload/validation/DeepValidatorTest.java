package io.fileparser.upload.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.upload.detection.CdrSniffer;
import io.fileparser.upload.detection.ContentSniffer;
import io.fileparser.upload.detection.CsvDialect;
import io.fileparser.upload.detection.Detection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the sniffer on each sample first, so the samples are what the pipeline would pass on. */
class DeepValidatorTest {

  @TempDir Path dir;

  private final ContentSniffer sniffer = new ContentSniffer();
  private final DeepValidator validator = new DeepValidator();
  private final ValidationLimits limits = ValidationLimits.defaults();

  @Test
  void validatesAPdf() throws IOException {
    Path file = dir.resolve("two-pages.pdf");
    try (PDDocument document = new PDDocument()) {
      document.addPage(new PDPage());
      document.addPage(new PDPage());
      document.save(file.toFile());
    }

    DeepValidator.Facts facts = validate(file, FileFormat.PDF, null, null);

    assertEquals(FileFormat.PDF, facts.format());
    assertEquals(2, facts.details().get("pages"));
    assertEquals(false, facts.details().get("encrypted"));
  }

  @Test
  void validatesACsvWithTheDialectGiven() throws IOException {
    Path file = write("table.csv", CsvValidatorTest.table(200, 0));

    DeepValidator.Facts facts = validate(file, FileFormat.CSV, null, new CsvDialect(',', true, 4));

    assertEquals(
        Map.of(
            "rows",
            200L,
            "columns",
            4,
            "encoding",
            "UTF-8",
            "raggedRows",
            0L,
            "delimiter",
            ",",
            "hasHeader",
            true),
        facts.details());
  }

  @Test
  void sniffsTheDialectWhenNoneIsGiven() throws IOException {
    // More than a head's worth, so the sniffed head is cut inside a line.
    Path file = write("table.csv", CsvValidatorTest.table(10_000, 0).replace(',', ';'));

    DeepValidator.Facts facts = validate(file, FileFormat.CSV, null, null);

    assertEquals(";", facts.details().get("delimiter"));
    assertEquals(10_000L, facts.details().get("rows"));
  }

  @Test
  void refusesARaggedCsvWholeFileWhoseHeadWasFine() throws IOException {
    String good = CsvValidatorTest.table(5_000, 0);
    String ragged = "1,2,3\n".repeat(500);
    Path file = write("table.csv", good + ragged);

    ValidationFailure failure =
        assertThrows(ValidationFailure.class, () -> validate(file, FileFormat.CSV, null, null));

    assertEquals(ValidationFailure.CSV_RAGGED_ROWS, failure.code());
    assertEquals(5002L, failure.facts().get("firstRaggedLine"));
  }

  @Test
  void validatesEveryCdrLayoutTheSnifferNames() throws IOException {
    assertCdr(CdrSamples.asterisk(2_000, 0), CdrSniffer.ASTERISK_MASTER_CSV, 2_000);
    assertCdr(CdrSamples.headerCsv(2_000, 0, ','), CdrSniffer.CDR_CSV_HEADER, 2_000);
    assertCdr(CdrSamples.headerCsv(2_000, 0, '\t'), CdrSniffer.CDR_CSV_HEADER, 2_000);
    assertCdr(CdrSamples.fixedWidth(2_000, 0), CdrSniffer.FIXED_WIDTH_SWITCH, 2_000);
  }

  @Test
  void refusesACdrExportWhoseBodyLeavesTheLayout() throws IOException {
    // The sniffed head is clean; the broken lines come later.
    String text = CdrSamples.asterisk(1_000, 0) + "not,a,call,record\n".repeat(100);
    Path file = write("Master.csv", text);
    Detection detection = detect(file);

    ValidationFailure failure =
        assertThrows(
            ValidationFailure.class,
            () -> validate(file, detection.format(), detection.layout(), null));

    assertEquals(CdrSniffer.ASTERISK_MASTER_CSV, detection.layout());
    assertEquals(ValidationFailure.CDR_LAYOUT_UNKNOWN, failure.code());
  }

  private void assertCdr(String text, String layout, long records) throws IOException {
    Path file = write("cdr.txt", text);
    Detection detection = detect(file);
    assertEquals(FileFormat.CDR, detection.format());
    assertEquals(layout, detection.layout());

    DeepValidator.Facts facts = validate(file, detection.format(), detection.layout(), null);

    assertEquals(records, facts.details().get("records"));
    assertEquals(0L, facts.details().get("badRecords"));
  }

  private Detection detect(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    int length = Math.min(bytes.length, ContentSniffer.HEAD_SIZE);
    return sniffer.detect(Arrays.copyOf(bytes, length), length);
  }

  private DeepValidator.Facts validate(
      Path file, FileFormat format, String layout, CsvDialect dialect) throws IOException {
    return validator.validate(format, layout, dialect, file, limits);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }
}
