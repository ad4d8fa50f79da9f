package io.fileparser.templates;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.fileparser.templates.entity.TemplateProposal;
import java.time.Instant;
import java.util.UUID;

/**
 * A discovered layout's proposal as the API shows it: the column {@code profile} of the first file
 * seen ({@code hasHeader}, {@code delimiter}, {@code columns} with {@code name}, {@code
 * inferredType} and {@code examples}, {@code sampleRows}), the proposed {@code document} (a
 * template document), how many jobs showed the layout, and the decision.
 */
public record TemplateProposalView(
    UUID id,
    String state,
    String format,
    String fingerprint,
    int sightings,
    UUID firstJobId,
    Instant firstSeenAt,
    Instant lastSeenAt,
    @JsonRawValue String profile,
    @JsonRawValue String document,
    String updatedBy,
    Instant updatedAt,
    String decidedBy,
    Instant decidedAt,
    String reason,
    UUID templateId,
    Integer templateVersion) {

  public static TemplateProposalView from(TemplateProposal p) {
    return new TemplateProposalView(
        p.getId(),
        p.getState().name(),
        p.getFormat(),
        p.getFingerprint(),
        p.getSightings(),
        p.getFirstJobId(),
        p.getFirstSeenAt(),
        p.getLastSeenAt(),
        p.getProfile(),
        p.getDocument(),
        p.getUpdatedBy(),
        p.getUpdatedAt(),
        p.getDecidedBy(),
        p.getDecidedAt(),
        p.getReason(),
        p.getTemplateId(),
        p.getTemplateVersion());
  }
}
