package io.fileparser.audit;

/**
 * The first record at which the chain does not hold, and why: {@value #HASH_MISMATCH} (its columns
 * no longer give its hash: the record was changed), {@value #PREV_HASH_MISMATCH} (it does not name
 * the hash of the record before it: a record before it was removed, or its link rewritten) or
 * {@value #HEAD_MISMATCH} (the chain ends elsewhere than the head says: records at the end were
 * removed or rewritten; {@code id} is the record the head names).
 */
public record BrokenLink(long id, String reason) {
  public static final String HASH_MISMATCH = "hash_mismatch";
  public static final String PREV_HASH_MISMATCH = "prev_hash_mismatch";
  public static final String HEAD_MISMATCH = "head_mismatch";
}
