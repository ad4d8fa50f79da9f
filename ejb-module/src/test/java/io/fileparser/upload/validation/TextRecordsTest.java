package io.fileparser.upload.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TextRecords} takes runs of ordinary bytes in bulk; these tests hold it to the per-byte
 * reader it replaced ({@link ByteByByteRecords}): same records, lines, lengths, captured values,
 * encoding and failures, wherever the special bytes fall against the buffer's edges.
 */
class TextRecordsTest {

  private static final int BUFFER = 64 * 1024;
  private static final ValidationLimits DEFAULTS = ValidationLimits.defaults();

  @ParameterizedTest
  @ValueSource(ints = {BUFFER - 2, BUFFER - 1, BUFFER, BUFFER + 1})
  void readsASpecialByteAtTheBufferEdgeLikeTheByteByByteReader(int at) throws IOException {
    for (String special : List.of(",", "\"", "\n", "\r\n", "\r", "é", "€", "😀", "\"\"", " ")) {
      byte[] bytes = padded(at, "x,\"q", special, "q\",y\n\n  \nz,w\r\n");
      for (int capture : new int[] {-1, 0, 1, TextRecords.ALL_COLUMNS}) {
        assertSameAsByteByByte(bytes, ',', capture, DEFAULTS, false);
      }
      byte[] plain = padded(at, "x,y", special, "z\n");
      assertSameAsByteByByte(plain, ',', 1, DEFAULTS, false);
    }
  }

  @Test
  void countsACrlfSplitAcrossTwoReadsAsOneLineBreak() throws IOException {
    byte[] bytes = padded(BUFFER - 1, "\na,b", "\r\n", "c,d\n");
    TextRecords records = new TextRecords(new ByteArrayInputStream(bytes), ',', DEFAULTS);
    long before = 0;
    long last = 0;
    while (records.next()) {
      before = last;
      last = records.line();
    }

    assertEquals(before + 1, last);
    assertSameAsByteByByte(bytes, ',', 0, DEFAULTS, false);
  }

  @Test
  void countsAUtf8SequenceSplitAcrossTwoReadsAsOneCharacter() throws IOException {
    byte[] bytes = padded(BUFFER - 1, "\na,b", "€", "c\n");
    TextRecords records = new TextRecords(new ByteArrayInputStream(bytes), ',', DEFAULTS);
    records.capture(1);
    String value = null;
    long chars = 0;
    while (records.next()) {
      if (records.fields() > 1) { // the filler's lines have one field
        value = records.captured().get(0);
        chars = records.chars();
      }
    }

    assertEquals("b€c", value);
    assertEquals(5, chars);
    assertSameAsByteByByte(bytes, ',', 1, DEFAULTS, false);
  }

  @Test
  void leavesTheByteOrderMarkOutOfTheFirstField() throws IOException {
    byte[] bytes = "\uFEFF\"id\",name\nx,\"a \"\"b\"\"\"\n".getBytes(StandardCharsets.UTF_8);
    TextRecords records = new TextRecords(new ByteArrayInputStream(bytes), ',', DEFAULTS);
    records.capture(TextRecords.ALL_COLUMNS);

    records.next();
    assertEquals(List.of("id", "name"), records.captured());
    assertEquals(9, records.chars());
    records.next();
    assertEquals(List.of("x", "a \"b\""), records.captured());
    assertSameAsByteByByte(bytes, ',', TextRecords.ALL_COLUMNS, DEFAULTS, false);
  }

  @Test
  void skipsBlankLinesAndKeepsLineNumbers() throws IOException {
    byte[] bytes = "a,b\n\n \t \r\n\r\nc,d\n".getBytes(StandardCharsets.UTF_8);
    TextRecords records = new TextRecords(new ByteArrayInputStream(bytes), ',', DEFAULTS);

    records.next();
    records.next();

    assertEquals(5, records.line());
    assertEquals(false, records.next());
    assertSameAsByteByByte(bytes, ',', 0, DEFAULTS, false);
  }

  @Test
  void capturesTheColumnAsBytesCutToTheLimit() throws IOException {
    String longValue = "v".repeat(TextRecords.MAX_CAPTURED_BYTES + 40);
    byte[] bytes = ("a," + longValue + ",c\n").getBytes(StandardCharsets.UTF_8);
    TextRecords records = new TextRecords(new ByteArrayInputStream(bytes), ',', DEFAULTS);
    records.capture(1);

    records.next();

    assertEquals(TextRecords.MAX_CAPTURED_BYTES, records.capturedLength());
    assertEquals(longValue.substring(0, TextRecords.MAX_CAPTURED_BYTES), records.captured().get(0));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void stopsAtTheLineLengthLimitInTheMiddleOfARun(boolean quoted) throws IOException {
    ValidationLimits limits = limits(10, 100);
    String field = (quoted ? "\"" : "") + "a".repeat(150);
    byte[] bytes = ("x,y\nb," + field + "\n").getBytes(StandardCharsets.UTF_8);
    TextRecords records = new TextRecords(new ByteArrayInputStream(bytes), ',', limits);

    ValidationFailure failure =
        assertThrows(
            ValidationFailure.class,
            () -> {
              while (records.next()) {}
            });

    assertEquals(ValidationFailure.CSV_LINE_TOO_LONG, failure.code());
    assertEquals(2L, failure.facts().get("line"));
    assertEquals(quoted, failure.facts().get("insideQuotedField"));
    assertSameAsByteByByte(bytes, ',', 1, limits, false);
  }

  @Test
  void acceptsARecordExactlyAtTheLineLengthLimit() throws IOException {
    ValidationLimits limits = limits(10, 100);
    byte[] bytes =
        ("a".repeat(100) + "\n" + "b".repeat(101) + "\n").getBytes(StandardCharsets.UTF_8);
    TextRecords records = new TextRecords(new ByteArrayInputStream(bytes), ',', limits);

    records.next();

    assertEquals(100, records.chars());
    assertThrows(ValidationFailure.class, records::next);
    assertSameAsByteByByte(bytes, ',', 0, limits, false);
  }

  @Test
  void agreesWithTheByteByByteReaderOnRandomText() throws IOException {
    Random random = new Random(11);
    String[] pieces = {
      ",",
      ";",
      "\"",
      "\"\"",
      "\n",
      "\r",
      "\r\n",
      " ",
      "  ",
      "\t",
      "a",
      "bc",
      "12345678",
      "2024-01-31 10:00:00",
      "é",
      "€",
      "😀",
      "\uFEFF",
      "\u0001",
      "\u000B"
    };
    int[] delimiters = {',', ';', '\t', -1};
    int[] captures = {-1, 0, 1, 3, TextRecords.ALL_COLUMNS};
    for (int round = 0; round < 3000; round++) {
      ByteArrayOutputStream text = new ByteArrayOutputStream();
      if (random.nextInt(4) == 0) {
        text.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      }
      int length = random.nextInt(round % 10 == 0 ? 3000 : 200);
      while (text.size() < length) {
        text.writeBytes(pieces[random.nextInt(pieces.length)].getBytes(StandardCharsets.UTF_8));
        if (random.nextInt(200) == 0) {
          text.write(0x80 + random.nextInt(0x80)); // an invalid or single-byte text byte
        }
        if (random.nextInt(2000) == 0) {
          text.write(0);
        }
      }
      byte[] bytes = text.toByteArray();
      ValidationLimits limits = limits(2 + random.nextInt(10), 5 + random.nextInt(120));
      int delimiter = delimiters[random.nextInt(delimiters.length)];
      int capture = captures[random.nextInt(captures.length)];
      assertSameAsByteByByte(bytes, delimiter, capture, limits, true);
      assertSameAsByteByByte(bytes, delimiter, capture, DEFAULTS, random.nextBoolean());
    }
  }

  /** Reads {@code bytes} with both readers and compares every record and the outcome. */
  private static void assertSameAsByteByByte(
      byte[] bytes, int delimiter, int capture, ValidationLimits limits, boolean smallReads)
      throws IOException {
    List<String> expected = new ArrayList<>();
    ByteByByteRecords oracle = new ByteByByteRecords(stream(bytes, smallReads), delimiter, limits);
    oracle.capture(capture);
    try {
      while (oracle.next()) {
        expected.add(
            oracle.fields() + "|" + oracle.line() + "|" + oracle.chars() + "|" + oracle.captured());
      }
      expected.add("end " + oracle.encoding());
    } catch (ValidationFailure e) {
      expected.add(e.code() + " " + e.getMessage() + " " + e.facts());
    }
    List<String> actual = new ArrayList<>();
    TextRecords records = new TextRecords(stream(bytes, smallReads), delimiter, limits);
    records.capture(capture);
    try {
      while (records.next()) {
        String bytesValue =
            records.capturedLength() < 0
                ? ""
                : new String(
                    records.capturedBytes(), 0, records.capturedLength(), StandardCharsets.UTF_8);
        List<String> values = records.captured();
        if (records.capturedLength() >= 0) {
          assertEquals(List.of(bytesValue), values);
        }
        actual.add(records.fields() + "|" + records.line() + "|" + records.chars() + "|" + values);
      }
      actual.add("end " + records.encoding());
    } catch (ValidationFailure e) {
      actual.add(e.code() + " " + e.getMessage() + " " + e.facts());
    }
    assertEquals(
        expected,
        actual,
        () -> "delimiter " + delimiter + ", capture " + capture + ": " + Arrays.toString(bytes));
  }

  /** The bytes as one stream, or in reads of 1 to 70 bytes, the same for both readers. */
  private static InputStream stream(byte[] bytes, boolean smallReads) {
    if (!smallReads) {
      return new ByteArrayInputStream(bytes);
    }
    Random sizes = new Random(bytes.length);
    return new ByteArrayInputStream(bytes) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 1 + sizes.nextInt(70)));
      }
    };
  }

  /**
   * {@code prefix + special + suffix}, with ASCII filler before so {@code special} starts at {@code
   * at}.
   */
  private static byte[] padded(int at, String prefix, String special, String suffix) {
    byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] filler = new byte[at - head.length];
    for (int i = 0; i < filler.length; i++) {
      filler[i] = (byte) (i % 100 == 99 ? '\n' : 'a' + i % 26);
    }
    out.writeBytes(filler);
    out.writeBytes(head);
    out.writeBytes(special.getBytes(StandardCharsets.UTF_8));
    out.writeBytes(suffix.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static ValidationLimits limits(int maxColumns, int maxLineBytes) {
    ValidationLimits d = DEFAULTS;
    return new ValidationLimits(
        maxColumns,
        maxLineBytes,
        d.csvRaggedTolerance(),
        d.maxGzipRatio(),
        d.maxDecompressedBytes(),
        d.maxGzipMembers(),
        d.allowPdfJavaScript(),
        d.allowPdfLaunchActions(),
        d.maxPdfPages());
  }
}
