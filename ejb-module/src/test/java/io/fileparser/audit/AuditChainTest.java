package io.fileparser.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The chain's hash pinned with known vectors. The same two records, inserted before V14 and linked
 * by its {@code audit_log_record_hash}, got exactly these hashes from PostgreSQL: a change here
 * breaks every chain already written, so it needs a new version tag, not a new vector.
 */
class AuditChainTest {

  static final AuditEntry FIRST =
      new AuditEntry(
          "acme",
          "user:alice",
          "api_key.created",
          "api_key",
          "7c9e6679-7425-40de-944b-e07fc1f90ae7",
          "name=erp roles=[service]",
          Instant.parse("2026-11-30T03:38:30.123456Z"));

  static final AuditEntry SECOND =
      new AuditEntry(
          "acme",
          "system:scanner",
          "malware.rejected",
          "file",
          "abc",
          null,
          Instant.parse("2026-11-30T03:38:31Z"));

  @Test
  void firstRecordHashesAfterTheGenesisToTheKnownVector() {
    assertEquals(
        "dc5c96ae3e5d28614b4979d1bc4f298a6156f83938c502f2d96423296de910c6",
        AuditChain.hex(AuditChain.hash(AuditChain.GENESIS, 1, FIRST)));
  }

  @Test
  void secondRecordWithoutDetailsAndWholeSecondsHashesToTheKnownVector() {
    byte[] first = AuditChain.hash(AuditChain.GENESIS, 1, FIRST);
    assertEquals(
        "c97e08ce5b72847ad9715e48fbd28dad594f5be9f49691c256f864d7ed2f3383",
        AuditChain.hex(AuditChain.hash(first, 2, SECOND)));
  }

  @Test
  void encodingIsLengthPrefixedSoNeighbouringFieldsCannotTradeCharacters() {
    AuditEntry a = new AuditEntry("t", "ab", "c", "x", "y", null, FIRST.occurredAt());
    AuditEntry b = new AuditEntry("t", "a", "bc", "x", "y", null, FIRST.occurredAt());
    assertNotEquals(
        AuditChain.hex(AuditChain.hash(AuditChain.GENESIS, 1, a)),
        AuditChain.hex(AuditChain.hash(AuditChain.GENESIS, 1, b)));
  }

  @Test
  void absentDetailsAreNotTheEmptyText() {
    AuditEntry none = new AuditEntry("t", "a", "c", "x", "y", null, FIRST.occurredAt());
    AuditEntry empty = new AuditEntry("t", "a", "c", "x", "y", "", FIRST.occurredAt());
    assertNotEquals(
        AuditChain.hex(AuditChain.hash(AuditChain.GENESIS, 1, none)),
        AuditChain.hex(AuditChain.hash(AuditChain.GENESIS, 1, empty)));
  }

  @Test
  void timeIsHashedToTheMicrosecondTheDatabaseKeeps() {
    AuditEntry nanos =
        new AuditEntry(
            "t", "a", "c", "x", "y", null, Instant.parse("2026-01-01T00:00:00.1234569Z"));
    AuditEntry micros =
        new AuditEntry("t", "a", "c", "x", "y", null, Instant.parse("2026-01-01T00:00:00.123456Z"));
    assertEquals(
        AuditChain.hex(AuditChain.hash(AuditChain.GENESIS, 7, nanos)),
        AuditChain.hex(AuditChain.hash(AuditChain.GENESIS, 7, micros)));
  }
}
