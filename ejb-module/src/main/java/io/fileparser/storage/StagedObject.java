package io.fileparser.storage;

/** A handle on bytes written to staging: opaque to everyone but the store that made it. */
public record StagedObject(String key, long size) {}
