package io.fileparser.upload.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.upload.detection.CdrSniffer;
import io.fileparser.upload.detection.CsvDialect;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CdrValidatorTest {

  private final CdrValidator validator = new CdrValidator();
  private final ValidationLimits limits = ValidationLimits.defaults();

  @Test
  void acceptsAGoodAsteriskExport() throws IOException {
    CdrFacts facts = validate(CdrSamples.asterisk(500, 0), CdrSniffer.ASTERISK_MASTER_CSV, null);

    assertEquals(new CdrFacts(500, CdrSniffer.ASTERISK_MASTER_CSV, 0, "UTF-8"), facts);
  }

  @Test
  void refusesAnAsteriskExportWithTenPercentBrokenLines() {
    ValidationFailure failure =
        refused(CdrSamples.asterisk(500, 10), CdrSniffer.ASTERISK_MASTER_CSV, null);

    assertEquals(ValidationFailure.CDR_LAYOUT_UNKNOWN, failure.code());
    assertEquals(50L, failure.facts().get("badRecords"));
    assertEquals(500L, failure.facts().get("recordsChecked"));
    assertEquals(10L, failure.facts().get("firstBadLine"));
    assertTrue(failure.detail().contains("4 fields where 16 to 21"), failure.detail());
  }

  @Test
  void toleratesAFewBrokenAsteriskLines() throws IOException {
    CdrFacts facts = validate(CdrSamples.asterisk(500, 100), CdrSniffer.ASTERISK_MASTER_CSV, null);

    assertEquals(5, facts.badRecords());
  }

  @Test
  void refusesAsteriskStartTimesThatAreNoDates() {
    String bad = CdrSamples.asterisk(10, 0).replace("2024-01-01 00:0", "2024-02-30 00:0");

    ValidationFailure failure = refused(bad, CdrSniffer.ASTERISK_MASTER_CSV, null);

    assertTrue(failure.detail().contains("start field"), failure.detail());
  }

  @Test
  void acceptsAGoodHeaderCsvWithItsDelimiter() throws IOException {
    CdrFacts facts =
        validate(
            CdrSamples.headerCsv(300, 0, ';'),
            CdrSniffer.CDR_CSV_HEADER,
            new CsvDialect(';', true, 5));

    assertEquals(300, facts.records());
    assertEquals(0, facts.badRecords());
  }

  @Test
  void refusesAHeaderCsvWhoseStartColumnHoldsNoTimes() {
    ValidationFailure failure =
        refused(
            CdrSamples.headerCsv(300, 20, ','),
            CdrSniffer.CDR_CSV_HEADER,
            new CsvDialect(',', true, 5));

    assertEquals(ValidationFailure.CDR_LAYOUT_UNKNOWN, failure.code());
    assertEquals(15L, failure.facts().get("badRecords"));
    assertEquals(21L, failure.facts().get("firstBadLine"));
  }

  @Test
  void findsTheStartColumnAsTheSnifferNamesIt() {
    assertEquals(3, CdrValidator.startColumn(List.of("id", "Caller", "Callee", "Start Time")));
    assertEquals(0, CdrValidator.startColumn(List.of("call-date", "src", "dst", "billsec")));
    assertEquals(-1, CdrValidator.startColumn(List.of("a", "b")));
    // OpenSIPS/Kamailio acc: "time" is the call's time; "setuptime" (after it) is seconds of setup.
    assertEquals(
        7,
        CdrValidator.startColumn(
            List.of(
                "id",
                "method",
                "from_tag",
                "to_tag",
                "callid",
                "sip_code",
                "sip_reason",
                "time",
                "duration",
                "ms_duration",
                "setuptime",
                "created",
                "src_user",
                "dst_user")));
  }

  @Test
  void acceptsAGoodFixedWidthExport() throws IOException {
    CdrFacts facts = validate(CdrSamples.fixedWidth(400, 0), CdrSniffer.FIXED_WIDTH_SWITCH, null);

    assertEquals(new CdrFacts(400, CdrSniffer.FIXED_WIDTH_SWITCH, 0, "UTF-8"), facts);
  }

  @Test
  void aTemplatesFixedWidthTextIsJudgedByLineLengthOnly() throws IOException {
    String line = "030424 0912 00215 7 9    101  004930901820       2001                001 X\n";
    CdrFacts facts = validate(line.repeat(50), CdrSniffer.FIXED_WIDTH_TEMPLATE, null);
    assertEquals(new CdrFacts(50, CdrSniffer.FIXED_WIDTH_TEMPLATE, 0, "UTF-8"), facts);

    ValidationFailure failure =
        refused(line.repeat(50) + "short\n".repeat(20), CdrSniffer.FIXED_WIDTH_TEMPLATE, null);
    assertEquals(ValidationFailure.CDR_LAYOUT_UNKNOWN, failure.code());
    assertEquals(20L, failure.facts().get("badRecords"));
  }

  @Test
  void refusesAFixedWidthExportWithLinesOfAnotherLength() {
    ValidationFailure failure =
        refused(CdrSamples.fixedWidth(400, 10), CdrSniffer.FIXED_WIDTH_SWITCH, null);

    assertEquals(ValidationFailure.CDR_LAYOUT_UNKNOWN, failure.code());
    assertEquals(40L, failure.facts().get("badRecords"));
    assertTrue(failure.detail().contains("40 characters"), failure.detail());
  }

  @Test
  void judgesFixedWidthLinesAfterTheSampleByTheSampleLength() throws IOException {
    String text =
        CdrSamples.fixedWidth(3000, 0) + "short line\r\n".repeat(10) + CdrSamples.fixedWidth(1, 0);

    CdrFacts facts = validate(text, CdrSniffer.FIXED_WIDTH_SWITCH, null);

    assertEquals(10, facts.badRecords());
    assertEquals(3011, facts.records());
  }

  @Test
  void skipsTitleLabelsAndTotalsAroundTheCallsOfAFixedWidthExport() throws IOException {
    String text =
        "SWITCH 7 CALL EXPORT 2024-01-15\r\n"
            + "START           CALLER          CALLEE          DURATN\r\n"
            + CdrSamples.fixedWidth(5, 0)
            + "TOTAL 5 CALLS\r\n";

    CdrFacts facts = validate(text, CdrSniffer.FIXED_WIDTH_SWITCH, null);

    assertEquals(new CdrFacts(5, CdrSniffer.FIXED_WIDTH_SWITCH, 0, "UTF-8"), facts);
  }

  private CdrFacts validate(String text, String layout, CsvDialect dialect) throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return validator.validate(new ByteArrayInputStream(bytes), layout, dialect, limits);
  }

  private ValidationFailure refused(String text, String layout, CsvDialect dialect) {
    return assertThrows(ValidationFailure.class, () -> validate(text, layout, dialect));
  }
}
