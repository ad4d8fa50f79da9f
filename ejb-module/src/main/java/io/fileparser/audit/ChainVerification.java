package io.fileparser.audit;

/**
 * What a walk of the audit chain found: whether it is unbroken from the first record to the head,
 * how many records were checked, the first broken record (null when intact) and the hash of the
 * last record found sound (hex; the genesis hash when the log is empty). Noting {@code lastHash}
 * and comparing a later walk against it shows that nothing up to there changed since.
 */
public record ChainVerification(
    boolean intact, long checked, BrokenLink firstBroken, String lastHash) {}
