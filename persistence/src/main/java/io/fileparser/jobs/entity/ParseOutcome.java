package io.fileparser.jobs.entity;

/**
 * What a worker found in a file, as the job stores it: classification, counts, where the records
 * are, and the rest of the worker's summary as JSON.
 */
public record ParseOutcome(
    String layout,
    String templateMatched,
    Integer templateVersion,
    Double confidence,
    boolean needsMapping,
    Long recordCount,
    String recordsUri,
    String summaryJson) {}
