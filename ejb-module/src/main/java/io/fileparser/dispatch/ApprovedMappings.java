package io.fileparser.dispatch;

import java.util.Optional;
import java.util.UUID;

/**
 * The template document a person approved for one job's file (its manual mapping), which the
 * workers read that job with first. Dispatch asks; the mapping capability, which stands above
 * dispatch and sends its own tasks through it, answers.
 */
public interface ApprovedMappings {

  /** The approved mapping of the job, if it has one. */
  Optional<ApprovedMapping> of(UUID jobId);

  /**
   * An approved mapping as the workers receive it.
   *
   * @param templateId the template it was saved as, or {@code mapping-<jobId>} if it was not
   * @param version the saved template's version, or none
   * @param document the template document (JSON)
   */
  record ApprovedMapping(String templateId, Integer version, String document) {}
}
