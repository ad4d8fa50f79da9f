package io.fileparser.templates;

import java.util.UUID;

/**
 * A draft version of one of a tenant's templates, to be compared with the version current now.
 *
 * @param currentVersion null while nothing is published
 * @param currentDocument the current version's document, null with it
 */
public record DraftUnderTest(
    UUID templateId,
    int version,
    String document,
    Integer currentVersion,
    String currentDocument) {}
