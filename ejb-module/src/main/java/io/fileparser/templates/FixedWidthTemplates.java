package io.fileparser.templates;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;

/**
 * The published fixed-width templates an upload's text fits ({@link FixedWidthFit}): the tenant's
 * current versions and the system ones, the same list the workers receive (cached per instance by
 * {@link WorkerTemplates}), so the upload accepts what a worker can read.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class FixedWidthTemplates {

  @Inject WorkerTemplates templates;

  /**
   * The key (system templates) or name of the first published fixed-width template {@code text}
   * fits, or empty.
   *
   * @param truncated whether the file continues after {@code text}
   */
  public Optional<String> fitting(String tenantId, String text, boolean truncated) {
    for (Map<String, Object> entry : templates.forJob(tenantId, null, null)) {
      JsonNode document = (JsonNode) entry.get("document");
      if (FixedWidthFit.fits(document, text, truncated)) {
        return Optional.of(document.path("key").asText(document.path("name").asText()));
      }
    }
    return Optional.empty();
  }
}
