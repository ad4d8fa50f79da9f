package io.fileparser.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordPagesTest {

  private static final String FILE = "{\"a\":1}\n{\"a\":2}\n\n{\"a\":3}\n{\"a\":4}";

  @Test
  void pagesWalkTheFileWithoutLosingOrRepeatingARecord() throws IOException {
    List<String> seen = new ArrayList<>();
    long offset = 0;
    boolean more = true;
    int pages = 0;
    while (more) {
      RecordPages.Bounds bounds = RecordPages.bounds(from(offset), offset, 2, 1 << 20, 1 << 20);
      RecordPages.each(from(offset), bounds.end() - offset, seen::add);
      offset = bounds.end();
      more = bounds.more();
      pages++;
    }

    assertEquals(List.of("{\"a\":1}", "{\"a\":2}", "{\"a\":3}", "{\"a\":4}"), seen);
    assertEquals(2, pages);
  }

  @Test
  void aPageStopsBeforeTheRecordThatWouldPassTheByteCap() throws IOException {
    RecordPages.Bounds bounds = RecordPages.bounds(from(0), 0, 100, 10, 1 << 20);

    assertEquals(8, bounds.end(), "one record of 8 bytes fits, a second would not");
    assertTrue(bounds.more());
  }

  @Test
  void aSingleRecordLargerThanTheByteCapStillMakesAPage() throws IOException {
    RecordPages.Bounds bounds = RecordPages.bounds(from(0), 0, 100, 3, 1 << 20);

    assertEquals(8, bounds.end());
    assertTrue(bounds.more());
  }

  @Test
  void theLastRecordNeedsNoNewline() throws IOException {
    long start = FILE.lastIndexOf('{');
    RecordPages.Bounds bounds = RecordPages.bounds(from(start), start, 10, 1 << 20, 1 << 20);

    assertEquals(FILE.length(), bounds.end());
    assertFalse(bounds.more());
  }

  @Test
  void aRecordLongerThanTheRecordLimitIsAnError() {
    assertThrows(IOException.class, () -> RecordPages.bounds(from(0), 0, 10, 1 << 20, 4));
  }

  @Test
  void recordsEndingEarlyAreAnError() {
    assertThrows(
        IOException.class, () -> RecordPages.each(from(0), FILE.length() + 5L, record -> {}));
  }

  private static InputStream from(long offset) {
    byte[] bytes = FILE.getBytes(StandardCharsets.UTF_8);
    return new ByteArrayInputStream(bytes, (int) offset, bytes.length - (int) offset);
  }
}
