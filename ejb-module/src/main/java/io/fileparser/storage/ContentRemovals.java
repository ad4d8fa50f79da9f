package io.fileparser.storage;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.NativeValues;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Stored objects to remove once the rows that named them are gone (a deleted job's records, and its
 * file when no job references those bytes any more), kept in PostgreSQL ({@code object_removals})
 * so a removal asked for in a committed transaction happens even if the server stops right after.
 *
 * <p>Content objects are shared: an upload of the same bytes by the same tenant promotes to the
 * same address, outside any transaction, and registers its file row afterwards. Two rules keep such
 * an upload's bytes:
 *
 * <ul>
 *   <li>The removal and the registration of a new file row take one transaction-scoped advisory
 *       lock per tenant and hash ({@link #lockContent}), so they never interleave.
 *   <li>Under that lock, the removal keeps the object when a file row holds the tenant's hash again
 *       or the object was promoted again after the removal was asked for (a promotion renews its
 *       time); a registration cancels a removal still pending, and refuses (503, nothing written)
 *       when a removal took the object after this upload's promotion had found it in place, so the
 *       client sends the file again instead of getting a job without bytes.
 * </ul>
 */
@Stateless
public class ContentRemovals {

  private static final Logger LOG = Logger.getLogger(ContentRemovals.class.getName());

  /** How long a done removal is remembered for registrations that promoted before it. */
  static final Duration REMEMBERED = Duration.ofDays(1);

  /** A removal was scheduled: the relay may run once the transaction commits. */
  public record Scheduled() {}

  @PersistenceContext EntityManager em;
  @Inject ObjectStore store;
  @Inject Event<Scheduled> scheduled;

  /** Serializes removals and registrations of one tenant's content with one hash. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void lockContent(String tenantId, String sha256) {
    em.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
        .setParameter(1, "content:" + tenantId + ":" + sha256)
        .getSingleResult();
  }

  /**
   * Schedules the removal of a content object ({@code sha256} given) or of a result object (null).
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void schedule(String tenantId, String sha256, URI uri, Instant at) {
    em.createNativeQuery(
            "insert into object_removals (id, tenant_id, sha256, uri, requested_at)"
                + " values (?1, ?2, ?3, ?4, ?5)")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, tenantId)
        .setParameter(3, sha256)
        .setParameter(4, uri.toString())
        .setParameter(5, at)
        .executeUpdate();
    scheduled.fire(new Scheduled());
  }

  /**
   * A new file row for the tenant's hash at {@code uri} is being registered (call under {@link
   * #lockContent}): a pending removal of those bytes is cancelled; if a removal already took them,
   * the registration must not go on.
   *
   * @throws ProblemException {@code storage_unavailable} (503) when the bytes were removed after
   *     this upload had found them in place
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void admit(String tenantId, String sha256, URI uri) {
    // One statement: the select reads the table as it was before the delete, which removes only
    // pending removals (a done one is never pending).
    boolean removedBefore =
        (Boolean)
            em.createNativeQuery(
                    "with cancelled as (delete from object_removals"
                        + " where tenant_id = ?1 and sha256 = ?2 and done_at is null)"
                        + " select exists (select 1 from object_removals"
                        + " where tenant_id = ?1 and sha256 = ?2 and removed)")
                .setParameter(1, tenantId)
                .setParameter(2, sha256)
                .getSingleResult();
    if (removedBefore && !store.exists(uri)) {
      throw new ProblemException(
          ProblemType.STORAGE_UNAVAILABLE,
          "the same bytes were being deleted while this upload stored them; send the file again");
    }
  }

  /**
   * Carries out up to {@code limit} due removals, in a transaction of their own; returns how many
   * it handled.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int removeDue(int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> due =
        em.createNativeQuery(
                "select id, tenant_id, sha256, uri, requested_at from object_removals"
                    + " where done_at is null order by requested_at limit ?1"
                    + " for update skip locked")
            .setParameter(1, limit)
            .getResultList();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    for (Object[] row : due) {
      String tenantId = (String) row[1];
      String sha256 = (String) row[2];
      URI uri = URI.create((String) row[3]);
      Instant requestedAt = NativeValues.instant(row[4]);
      boolean removed = sha256 == null || isUnclaimed(tenantId, sha256, uri, requestedAt);
      if (removed) {
        try {
          store.delete(uri);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot remove " + uri, e);
        }
      } else {
        LOG.fine(() -> "kept " + uri + ": its bytes were uploaded again");
      }
      em.createNativeQuery("update object_removals set done_at = ?2, removed = ?3 where id = ?1")
          .setParameter(1, row[0])
          .setParameter(2, now)
          .setParameter(3, removed)
          .executeUpdate();
    }
    em.createNativeQuery("delete from object_removals where done_at < ?1")
        .setParameter(1, now.minus(REMEMBERED))
        .executeUpdate();
    return due.size();
  }

  private boolean isUnclaimed(String tenantId, String sha256, URI uri, Instant requestedAt) {
    lockContent(tenantId, sha256);
    boolean registered =
        !em.createNativeQuery(
                "select 1 from stored_files where tenant_id = ?1 and sha256 = ?2 limit 1")
            .setParameter(1, tenantId)
            .setParameter(2, sha256)
            .getResultList()
            .isEmpty();
    if (registered) {
      return false;
    }
    try {
      Optional<Instant> modified = store.lastModified(uri);
      return modified.isPresent() && !modified.get().isAfter(requestedAt);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the time of " + uri, e);
    }
  }
}
