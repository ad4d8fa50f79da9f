package io.fileparser.audit;

import java.util.Arrays;

/**
 * Checks audit records one after another in id order, as a verifier reads them a page at a time:
 * each must name the hash of the one before it and hash to what it carries. Stops at the first
 * broken record; at the end, the last record must be the one the chain's head names. Holds no
 * record, so a walk over any number of them needs no more memory than one page.
 */
public final class ChainWalk {

  private byte[] expectedPrev = AuditChain.GENESIS;
  private long lastId;
  private long checked;
  private BrokenLink broken;

  /**
   * Checks the next record.
   *
   * @return whether to go on (false once a record is broken)
   */
  public boolean accept(long id, byte[] prevHash, byte[] hash, AuditEntry entry) {
    if (broken != null) {
      return false;
    }
    checked++;
    if (!Arrays.equals(prevHash, expectedPrev)) {
      broken = new BrokenLink(id, BrokenLink.PREV_HASH_MISMATCH);
      return false;
    }
    if (!Arrays.equals(hash, AuditChain.hash(prevHash, id, entry))) {
      broken = new BrokenLink(id, BrokenLink.HASH_MISMATCH);
      return false;
    }
    expectedPrev = hash;
    lastId = id;
    return true;
  }

  /** The id after which the next page starts. */
  public long lastId() {
    return lastId;
  }

  /**
   * The verdict, given the head read before the walk began ({@code headId} 0 and the genesis hash
   * for an empty log).
   */
  public ChainVerification finish(long headId, byte[] headHash) {
    BrokenLink first = broken;
    if (first == null && (lastId != headId || !Arrays.equals(expectedPrev, headHash))) {
      first = new BrokenLink(headId, BrokenLink.HEAD_MISMATCH);
    }
    return new ChainVerification(first == null, checked, first, AuditChain.hex(expectedPrev));
  }
}
