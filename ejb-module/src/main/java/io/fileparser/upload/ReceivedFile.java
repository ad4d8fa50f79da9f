package io.fileparser.upload;

import io.fileparser.storage.StagedObject;
import java.time.Instant;

/**
 * A file that has been streamed to staging, hashed and recognised, but not yet registered. Either
 * {@link UploadService#submit submitted} or {@link UploadService#discard discarded}.
 */
public record ReceivedFile(
    StagedObject staged,
    String filename,
    String sha256,
    long size,
    Detection detection,
    Instant receivedAt,
    Instant storedAt) {}
