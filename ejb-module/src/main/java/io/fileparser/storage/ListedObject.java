package io.fileparser.storage;

import java.net.URI;
import java.time.Instant;

/**
 * A content-addressed object as the store lists it: where it is, whose content with which hash, and
 * when it was last written or last confirmed by a promotion of the same bytes.
 */
public record ListedObject(URI uri, String tenantId, String sha256, Instant lastModified) {}
