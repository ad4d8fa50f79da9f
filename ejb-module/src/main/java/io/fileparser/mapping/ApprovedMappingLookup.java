package io.fileparser.mapping;

import io.fileparser.dispatch.ApprovedMappings;
import io.fileparser.mapping.entity.JobMapping;
import io.fileparser.mapping.entity.MappingState;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import java.util.UUID;

/**
 * Tells dispatch which mapping a person approved for a job, read in the dispatching transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ApprovedMappingLookup implements ApprovedMappings {

  @PersistenceContext EntityManager em;

  /** A lookup over {@code em} (for component tests). */
  public static ApprovedMappingLookup over(EntityManager em) {
    ApprovedMappingLookup lookup = new ApprovedMappingLookup();
    lookup.em = em;
    return lookup;
  }

  @Override
  public Optional<ApprovedMapping> of(UUID jobId) {
    JobMapping mapping = em.find(JobMapping.class, jobId);
    if (mapping == null || mapping.getState() != MappingState.APPROVED) {
      return Optional.empty();
    }
    boolean saved = mapping.getSavedTemplateId() != null;
    return Optional.of(
        new ApprovedMapping(
            saved ? mapping.getSavedTemplateId().toString() : "mapping-" + jobId,
            saved ? mapping.getSavedTemplateVersion() : null,
            mapping.getDocument()));
  }
}
