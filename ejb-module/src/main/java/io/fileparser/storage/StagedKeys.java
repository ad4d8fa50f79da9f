package io.fileparser.storage;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The staging keys the database still names, for the cleanup of abandoned staging: a file waiting
 * for the virus scanner ({@code stored_files.staging_key}), a resumable upload's chunks ({@code
 * resumable_segments}) and its parted staging ({@code resumable_multipart}). An upload names its
 * staging before anything could find it old, so a key named nowhere here is abandoned.
 */
@Stateless
public class StagedKeys {

  @PersistenceContext EntityManager em;

  /** The keys among {@code keys} that a row names. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public Set<String> named(Collection<String> keys) {
    if (keys.isEmpty()) {
      return Set.of();
    }
    @SuppressWarnings("unchecked")
    Collection<String> named =
        em.createNativeQuery(
                "select staging_key from stored_files where staging_key in (:keys)"
                    + " union select staged_key from resumable_segments where staged_key in (:keys)"
                    + " union select staged_key from resumable_multipart where staged_key in (:keys)",
                String.class)
            .setParameter("keys", keys)
            .getResultList();
    return new HashSet<>(named);
  }
}
