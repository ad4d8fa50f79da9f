package io.fileparser.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.jobs.Cursor;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FeedQueryTest {

  @Test
  void defaultsToEverythingFiftyAtATime() {
    FeedQuery q = FeedQuery.parse(null, null, null);
    assertFalse(q.unreadOnly());
    assertEquals(50, q.limit());
    assertNull(q.after());
  }

  @Test
  void readsUnreadLimitAndCursor() {
    Cursor cursor = Cursor.of(Instant.parse("2026-11-29T10:00:00Z"), UUID.randomUUID(), "acme");
    FeedQuery q = FeedQuery.parse("TRUE", "10", cursor.encode());
    assertTrue(q.unreadOnly());
    assertEquals(10, q.limit());
    assertEquals(cursor, q.after());
  }

  @Test
  void refusesWhatItCannotRead() {
    assertEquals(
        ProblemType.INVALID_REQUEST,
        assertThrows(ProblemException.class, () -> FeedQuery.parse("yes", null, null)).type());
    assertEquals(
        ProblemType.INVALID_REQUEST,
        assertThrows(ProblemException.class, () -> FeedQuery.parse(null, "201", null)).type());
    assertEquals(
        ProblemType.INVALID_CURSOR,
        assertThrows(ProblemException.class, () -> FeedQuery.parse(null, null, "nope")).type());
  }
}
