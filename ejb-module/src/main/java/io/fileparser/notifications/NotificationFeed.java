package io.fileparser.notifications;

import io.fileparser.jobs.Cursor;
import io.fileparser.notifications.entity.Notification;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The caller's own feed: read it, count what is unread, mark read. Every query is bound to the
 * caller's tenant and subject, so nobody reads or marks another's notifications (another's id is
 * 404, as if it did not exist); an admin's or owner's feed also holds what the tenant's admins
 * share ({@link NotificationRecorder#ADMINS}: alerts), read marks included.
 */
@Stateless
public class NotificationFeed {

  @PersistenceContext EntityManager em;

  /** One page, newest first, keyset-paginated on (createdAt, id). */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public NotificationPage list(Caller caller, FeedQuery query) {
    if (query.after() != null && !query.after().isFor(caller.tenantId())) {
      throw Cursor.invalid();
    }
    StringBuilder jpql =
        new StringBuilder(
            "select n from Notification n where n.tenantId = :tenant and n.recipient in :recipients");
    if (query.unreadOnly()) {
      jpql.append(" and n.readAt is null");
    }
    if (query.after() != null) {
      jpql.append(" and (n.createdAt < :afterAt or (n.createdAt = :afterAt and n.id < :afterId))");
    }
    jpql.append(" order by n.createdAt desc, n.id desc");
    TypedQuery<Notification> q =
        em.createQuery(jpql.toString(), Notification.class)
            .setParameter("tenant", caller.tenantId())
            .setParameter("recipients", recipients(caller));
    if (query.after() != null) {
      q.setParameter("afterAt", query.after().createdAt())
          .setParameter("afterId", query.after().id());
    }
    List<Notification> rows = q.setMaxResults(query.limit() + 1).getResultList();
    List<NotificationView> items =
        rows.stream().limit(query.limit()).map(NotificationView::from).toList();
    String next = null;
    if (rows.size() > query.limit()) {
      Notification last = rows.get(query.limit() - 1);
      next = Cursor.of(last.getCreatedAt(), last.getId(), caller.tenantId()).encode();
    }
    return new NotificationPage(items, next);
  }

  /** How many of the caller's notifications are unread. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public long unreadCount(Caller caller) {
    return em.createQuery(
            "select count(n) from Notification n where n.tenantId = :tenant"
                + " and n.recipient in :recipients and n.readAt is null",
            Long.class)
        .setParameter("tenant", caller.tenantId())
        .setParameter("recipients", recipients(caller))
        .getSingleResult();
  }

  /**
   * Marks one of the caller's notifications read (again is fine: the first time stays).
   *
   * @throws ProblemException {@code notification_not_found} when the caller has no such one
   */
  public NotificationView markRead(Caller caller, UUID id) {
    Notification row = em.find(Notification.class, id);
    if (row == null
        || !row.getTenantId().equals(caller.tenantId())
        || !recipients(caller).contains(row.getRecipient())) {
      throw new ProblemException(ProblemType.NOTIFICATION_NOT_FOUND, "no notification " + id);
    }
    row.markRead(Instant.now());
    return NotificationView.from(row);
  }

  /** Marks all the caller's unread notifications read; answers how many were. */
  public int markAllRead(Caller caller) {
    return em.createQuery(
            "update Notification n set n.readAt = :now where n.tenantId = :tenant"
                + " and n.recipient in :recipients and n.readAt is null")
        .setParameter("now", Instant.now())
        .setParameter("tenant", caller.tenantId())
        .setParameter("recipients", recipients(caller))
        .executeUpdate();
  }

  /** Whose notifications the caller reads: their own, and an admin's or owner's the admins'. */
  static List<String> recipients(Caller caller) {
    return isAdmin(caller)
        ? List.of(caller.subject(), NotificationRecorder.ADMINS)
        : List.of(caller.subject());
  }

  static boolean isAdmin(Caller caller) {
    return caller.hasRole(Role.ADMIN) || caller.hasRole(Role.OWNER);
  }
}
