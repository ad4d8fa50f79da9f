package io.fileparser.upload.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fileparser.upload.detection.CsvDialect;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CsvValidatorTest {

  private static final CsvDialect FOUR_COLUMNS = new CsvDialect(',', true, 4);

  private final CsvValidator validator = new CsvValidator();
  private final ValidationLimits limits = ValidationLimits.defaults();

  @Test
  void acceptsConsistentFileAndReportsItsFacts() throws IOException {
    CsvFacts facts = validate(table(100, 0), FOUR_COLUMNS, limits);

    assertEquals(new CsvFacts(100, 4, "UTF-8", 0), facts);
  }

  @Test
  void refusesRaggedRowsOverTheTolerance() {
    // 101 records (header included); every 20th data row has a fifth field: 5 of 101 is 5%.
    ValidationFailure failure = refused(table(100, 20), FOUR_COLUMNS, limits);

    assertEquals(ValidationFailure.CSV_RAGGED_ROWS, failure.code());
    assertEquals(4, failure.facts().get("expectedColumns"));
    assertEquals(5L, failure.facts().get("raggedRows"));
    assertEquals(101L, failure.facts().get("rowsChecked"));
    assertEquals(21L, failure.facts().get("firstRaggedLine"));
  }

  @Test
  void acceptsRaggedRowsUnderTheTolerance() throws IOException {
    CsvFacts facts = validate(table(1000, 100), FOUR_COLUMNS, limits);

    assertEquals(1000, facts.rows());
    assertEquals(10, facts.raggedRows());
  }

  @Test
  void keepsQuotedDelimitersNewlinesAndQuotesInOneField() throws IOException {
    String csv =
        "id,name,comment,amount\r\n"
            + "1,\"Smith, John\",\"said \"\"hi\"\"\r\nand left\",10\r\n"
            + "2,Jane,\"line one\nline two\nline three\",20\r\n"
            + "3,  \"spaced, quoted\",plain,30\r\n";

    CsvFacts facts = validate(csv, FOUR_COLUMNS, limits);

    assertEquals(new CsvFacts(3, 4, "UTF-8", 0), facts);
  }

  @Test
  void countsPhysicalLinesForTheFirstRaggedLine() {
    String csv = "a,b,c,d\n1,\"x\ny\",3,4\n5,\"p\r\nq\",7,8\n9,10,11\n";
    ValidationLimits strict =
        new ValidationLimits(1000, 1 << 20, 0, 100, 1L << 32, 1000, false, false, 1);

    ValidationFailure failure = refused(csv, FOUR_COLUMNS, strict);

    assertEquals(6L, failure.facts().get("firstRaggedLine"));
  }

  @Test
  void skipsBlankLinesAndReadsEveryLineEnding() throws IOException {
    String csv = "a;b\r\n1;2\r\n\r\n   \n3;4\r5;6\n\n7;8";

    CsvFacts facts = validate(csv, new CsvDialect(';', true, 2), limits);

    assertEquals(new CsvFacts(4, 2, "UTF-8", 0), facts);
  }

  @Test
  void refusesMoreColumnsThanTheLimit() {
    String header = "c0" + ",c".repeat(1000) + "\n";

    ValidationFailure failure = refused(header + header, new CsvDialect(',', true, 1001), limits);

    assertEquals(ValidationFailure.CSV_TOO_MANY_COLUMNS, failure.code());
    assertEquals(1L, failure.facts().get("line"));
    assertEquals(1000, failure.facts().get("maxColumns"));
  }

  @Test
  void refusesALineOfTwoMebibytes() {
    String csv = table(10, 0) + "11," + "x".repeat(2 * 1024 * 1024) + ",3,4\n" + table(10, 0);

    ValidationFailure failure = refused(csv, FOUR_COLUMNS, limits);

    assertEquals(ValidationFailure.CSV_LINE_TOO_LONG, failure.code());
    assertEquals(12L, failure.facts().get("line"));
    assertEquals(false, failure.facts().get("insideQuotedField"));
  }

  @Test
  void tellsAnUnclosedQuoteThatSwallowsTheRest() {
    String csv = "a,b,c,d\n1,\"oops,3,4\n" + table(60_000, 0);

    ValidationFailure failure = refused(csv, FOUR_COLUMNS, limits);

    assertEquals(ValidationFailure.CSV_LINE_TOO_LONG, failure.code());
    assertEquals(2L, failure.facts().get("line"));
    assertEquals(true, failure.facts().get("insideQuotedField"));
  }

  @Test
  void acceptsLatin1Text() throws IOException {
    String csv = "name;city\nMüller;Köln\nGarçon;Besançon\nÅse;Tromsø\n";

    CsvFacts facts =
        validate(bytes(csv, StandardCharsets.ISO_8859_1), new CsvDialect(';', true, 2), limits);

    assertEquals(new CsvFacts(3, 2, "ISO-8859-1", 0), facts);
  }

  @Test
  void namesWindows1252WhenItsPrintableC1BytesOccur() throws IOException {
    String csv = "item;price\n“Kaffee”;3 €\nTee;2 €\n";

    CsvFacts facts =
        validate(bytes(csv, Charset.forName("windows-1252")), new CsvDialect(';', true, 2), limits);

    assertEquals("windows-1252", facts.encoding());
  }

  @Test
  void acceptsUtf8WithByteOrderMark() throws IOException {
    byte[] body = bytes("größe,farbe\n1,grün\n2,blau\n", StandardCharsets.UTF_8);
    byte[] withBom = new byte[body.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(body, 0, withBom, 3, body.length);

    CsvFacts facts = validate(withBom, new CsvDialect(',', true, 2), limits);

    assertEquals(new CsvFacts(2, 2, "UTF-8", 0), facts);
  }

  @Test
  void refusesInvalidUtf8AfterAByteOrderMark() {
    byte[] bytes = {
      (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a', ',', 'b', '\n', 'x', ',', (byte) 0xFC
    };

    ValidationFailure failure =
        assertThrows(
            ValidationFailure.class, () -> validate(bytes, new CsvDialect(',', false, 2), limits));

    assertEquals(ValidationFailure.CSV_ENCODING, failure.code());
    assertEquals(9L, failure.facts().get("offset"));
  }

  @Test
  void refusesNulBytesAndReportsTheOffset() {
    byte[] bytes = bytes("a,b\n1,2\n3,4\n", StandardCharsets.US_ASCII);
    bytes[9] = 0;

    ValidationFailure failure =
        assertThrows(
            ValidationFailure.class, () -> validate(bytes, new CsvDialect(',', true, 2), limits));

    assertEquals(ValidationFailure.CSV_ENCODING, failure.code());
    assertEquals(9L, failure.facts().get("offset"));
  }

  @Test
  void refusesBinaryGarbageWithoutNul() {
    byte[] garbage = new byte[4096];
    new Random(7).nextBytes(garbage);
    for (int i = 0; i < garbage.length; i++) {
      garbage[i] = garbage[i] == 0 ? 1 : garbage[i];
    }

    ValidationFailure failure =
        assertThrows(
            ValidationFailure.class,
            () -> validate(garbage, new CsvDialect(',', false, 2), limits));

    assertEquals(ValidationFailure.CSV_ENCODING, failure.code());
  }

  @Test
  void refusesSingleByteTextWithMostlyHighBytes() {
    byte[] bytes = new byte[1000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i % 10 == 0 ? '\n' : i % 10 == 5 ? ',' : 0xE9);
    }

    ValidationFailure failure =
        assertThrows(
            ValidationFailure.class, () -> validate(bytes, new CsvDialect(',', false, 2), limits));

    assertEquals(ValidationFailure.CSV_ENCODING, failure.code());
  }

  @Test
  void streamsFiftyMegabytesInBoundedMemory() throws IOException {
    long rows = 1_000_000;
    CsvFacts facts;
    try (InputStream in = new GeneratedCsv(rows)) {
      facts = validator.validate(in, new CsvDialect(',', true, 5), limits);
    }

    assertEquals(new CsvFacts(rows, 5, "UTF-8", 0), facts);
  }

  /** A header and {@code rows} records of about 50 bytes each, made as they are read. */
  private static final class GeneratedCsv extends InputStream {
    private final long rows;
    private long row = -1;
    private byte[] line = new byte[0];
    private int position;

    GeneratedCsv(long rows) {
      this.rows = rows;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position == line.length) {
        if (row >= rows) {
          return -1;
        }
        line = nextLine().getBytes(StandardCharsets.UTF_8);
        position = 0;
      }
      int n = Math.min(len, line.length - position);
      System.arraycopy(line, position, b, off, n);
      position += n;
      return n;
    }

    private String nextLine() {
      row++;
      if (row == 0) {
        return "id,customer,amount,currency,booked_at\n";
      }
      return row
          + ",\"Customer "
          + (row % 977)
          + ", Ltd\","
          + (row * 37 % 100_000) / 100.0
          + ",EUR,2024-03-"
          + (10 + row % 18)
          + "T12:00:00Z\n";
    }
  }

  /**
   * A header and {@code rows} records of four columns; every {@code raggedEvery}-th row (0: none)
   * has a fifth field. Row {@code i} is on line {@code i + 1}.
   */
  static String table(int rows, int raggedEvery) {
    StringBuilder csv = new StringBuilder("id,name,amount,date\n");
    for (int i = 1; i <= rows; i++) {
      csv.append(i).append(",name ").append(i).append(',').append(i * 3).append(",2024-01-02");
      if (raggedEvery > 0 && i % raggedEvery == 0) {
        csv.append(",extra");
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  private CsvFacts validate(String csv, CsvDialect dialect, ValidationLimits limits)
      throws IOException {
    return validate(bytes(csv, StandardCharsets.UTF_8), dialect, limits);
  }

  private CsvFacts validate(byte[] bytes, CsvDialect dialect, ValidationLimits limits)
      throws IOException {
    return validator.validate(new ByteArrayInputStream(bytes), dialect, limits);
  }

  private ValidationFailure refused(String csv, CsvDialect dialect, ValidationLimits limits) {
    return assertThrows(ValidationFailure.class, () -> validate(csv, dialect, limits));
  }

  private static byte[] bytes(String text, Charset charset) {
    return text.getBytes(charset);
  }
}
