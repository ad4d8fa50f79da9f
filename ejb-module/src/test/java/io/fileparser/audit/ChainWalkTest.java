package io.fileparser.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The verifier's walk over a chain built here, intact and broken in each way it can be. */
class ChainWalkTest {

  /** A stored record: its id, links and columns as the verifier reads them. */
  private record Row(long id, byte[] prevHash, byte[] hash, AuditEntry entry) {
    Row withEntry(AuditEntry changed) {
      return new Row(id, prevHash, hash, changed);
    }
  }

  @Test
  void anIntactChainChecksEveryRecordAndEndsAtTheHead() {
    List<Row> chain = chain(5);
    ChainVerification result = walk(chain, 5, last(chain).hash());

    assertTrue(result.intact());
    assertEquals(5, result.checked());
    assertNull(result.firstBroken());
    assertEquals(AuditChain.hex(last(chain).hash()), result.lastHash());
  }

  @Test
  void anEmptyLogIsIntactAtTheGenesis() {
    ChainVerification result = walk(List.of(), 0, AuditChain.GENESIS);

    assertTrue(result.intact());
    assertEquals(0, result.checked());
    assertEquals(AuditChain.hex(AuditChain.GENESIS), result.lastHash());
  }

  @Test
  void gapsInTheIdsOfRolledBackAppendsBreakNothing() {
    List<Row> chain = new ArrayList<>();
    byte[] prev = AuditChain.GENESIS;
    for (long id : new long[] {1, 2, 5, 9}) {
      Row row = row(id, prev);
      chain.add(row);
      prev = row.hash();
    }
    assertTrue(walk(chain, 9, prev).intact());
  }

  @Test
  void aChangedRecordIsTheFirstBrokenByItsHash() {
    List<Row> chain = chain(5);
    Row third = chain.get(2);
    chain.set(2, third.withEntry(entry(third.id(), "changed")));

    ChainVerification result = walk(chain, 5, last(chain).hash());

    assertFalse(result.intact());
    assertEquals(new BrokenLink(3, BrokenLink.HASH_MISMATCH), result.firstBroken());
    assertEquals(3, result.checked());
    assertEquals(AuditChain.hex(chain.get(1).hash()), result.lastHash());
  }

  @Test
  void aChangedRecordWhoseHashWasRecomputedBreaksTheNextLink() {
    List<Row> chain = chain(5);
    Row third = chain.get(2);
    AuditEntry changed = entry(3, "changed");
    chain.set(
        2, new Row(3, third.prevHash(), AuditChain.hash(third.prevHash(), 3, changed), changed));

    assertEquals(
        new BrokenLink(4, BrokenLink.PREV_HASH_MISMATCH),
        walk(chain, 5, last(chain).hash()).firstBroken());
  }

  @Test
  void aRemovedRecordBreaksTheLinkOfTheOneAfterIt() {
    List<Row> chain = chain(5);
    chain.remove(1);

    assertEquals(
        new BrokenLink(3, BrokenLink.PREV_HASH_MISMATCH),
        walk(chain, 5, last(chain).hash()).firstBroken());
  }

  @Test
  void aRemovedTailNoLongerMeetsTheHead() {
    List<Row> chain = chain(5);
    byte[] headHash = last(chain).hash();
    chain.remove(4);

    ChainVerification result = walk(chain, 5, headHash);

    assertEquals(new BrokenLink(5, BrokenLink.HEAD_MISMATCH), result.firstBroken());
    assertEquals(4, result.checked());
  }

  private static ChainVerification walk(List<Row> rows, long headId, byte[] headHash) {
    ChainWalk walk = new ChainWalk();
    for (Row row : rows) {
      if (!walk.accept(row.id(), row.prevHash(), row.hash(), row.entry())) {
        break;
      }
    }
    return walk.finish(headId, headHash);
  }

  private static List<Row> chain(int size) {
    List<Row> rows = new ArrayList<>();
    byte[] prev = AuditChain.GENESIS;
    for (long id = 1; id <= size; id++) {
      Row row = row(id, prev);
      rows.add(row);
      prev = row.hash();
    }
    return rows;
  }

  private static Row row(long id, byte[] prev) {
    AuditEntry entry = entry(id, "details of " + id);
    return new Row(id, prev, AuditChain.hash(prev, id, entry), entry);
  }

  private static AuditEntry entry(long id, String details) {
    return new AuditEntry(
        "tenant-" + (id % 2),
        "user:u" + id,
        "job.deleted",
        "job",
        "job-" + id,
        details,
        Instant.parse("2026-11-30T00:00:00Z").plusSeconds(id));
  }

  private static Row last(List<Row> rows) {
    return rows.get(rows.size() - 1);
  }
}
