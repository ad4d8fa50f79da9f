package io.fileparser.jobs;

import io.fileparser.jobs.entity.Job;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Reads jobs, always within the caller's tenant: another tenant's job is indistinguishable from a
 * job that does not exist.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class JobService {

  @PersistenceContext EntityManager em;

  /**
   * A job and all that its view shows (file, steps, dependencies) in one statement, where reading
   * it by id costs one for the job and file, and one for the dependencies. Steps and dependencies
   * are indexed lists, so joining both is allowed; a job has seven steps and rarely a dependency.
   * Another tenant's job is a {@code job_not_found}, as with {@link TenantJobs}.
   */
  static final String WHOLE_JOB =
      "select j from Job j join fetch j.file left join fetch j.steps"
          + " left join fetch j.dependencies where j.id = :id and j.tenantId = :tenant";

  public JobView find(Caller caller, UUID id) {
    return em.createQuery(WHOLE_JOB, Job.class)
        .setParameter("id", id)
        .setParameter("tenant", caller.tenantId())
        .getResultStream()
        .findFirst()
        .map(JobView::from)
        .orElseThrow(() -> new ProblemException(ProblemType.JOB_NOT_FOUND, "no job " + id));
  }

  /** One page of the tenant's jobs, keyset-paginated on (createdAt, id). */
  public JobPage list(Caller caller, JobQuery query) {
    if (query.after() != null && !query.after().isFor(caller.tenantId())) {
      throw Cursor.invalid();
    }
    // The file joined: read one by one, a page of 50 jobs would cost 50 more queries.
    StringBuilder jpql =
        new StringBuilder("select j from Job j join fetch j.file where j.tenantId = :tenant");
    Map<String, Object> params = new HashMap<>();
    filter(caller, query, jpql, params);
    String cmp = query.newestFirst() ? "<" : ">";
    if (query.after() != null) {
      jpql.append(" and (j.createdAt ")
          .append(cmp)
          .append(" :afterAt or (j.createdAt = :afterAt and j.id ")
          .append(cmp)
          .append(" :afterId))");
      params.put("afterAt", query.after().createdAt());
      params.put("afterId", query.after().id());
    }
    String dir = query.newestFirst() ? " desc" : " asc";
    jpql.append(" order by j.createdAt").append(dir).append(", j.id").append(dir);

    TypedQuery<Job> q = em.createQuery(jpql.toString(), Job.class);
    params.forEach(q::setParameter);
    List<Job> rows = q.setMaxResults(query.limit() + 1).getResultList();

    List<JobView> items = new ArrayList<>();
    for (int i = 0; i < Math.min(rows.size(), query.limit()); i++) {
      items.add(JobView.from(rows.get(i)));
    }
    String next = null;
    if (rows.size() > query.limit()) {
      Job last = rows.get(query.limit() - 1);
      next = Cursor.of(last.getCreatedAt(), last.getId(), caller.tenantId()).encode();
    }
    return new JobPage(items, next);
  }

  /**
   * The ids of the tenant's jobs that the query's filters select (its cursor and page size aside),
   * oldest first, at most {@code max}.
   */
  public List<UUID> ids(Caller caller, JobQuery query, int max) {
    StringBuilder jpql = new StringBuilder("select j.id from Job j where j.tenantId = :tenant");
    Map<String, Object> params = new HashMap<>();
    filter(caller, query, jpql, params);
    jpql.append(" order by j.createdAt, j.id");
    TypedQuery<UUID> q = em.createQuery(jpql.toString(), UUID.class);
    params.forEach(q::setParameter);
    return q.setMaxResults(max).getResultList();
  }

  private static void filter(
      Caller caller, JobQuery query, StringBuilder jpql, Map<String, Object> params) {
    params.put("tenant", caller.tenantId());
    if (!query.states().isEmpty()) {
      jpql.append(" and j.state in :states");
      params.put("states", query.states());
    }
    if (!query.formats().isEmpty()) {
      jpql.append(" and j.format in :formats");
      params.put("formats", query.formats().stream().map(Enum::name).toList());
    }
    if (query.createdFrom() != null) {
      jpql.append(" and j.createdAt >= :from");
      params.put("from", query.createdFrom());
    }
    if (query.createdTo() != null) {
      jpql.append(" and j.createdAt < :to");
      params.put("to", query.createdTo());
    }
    if (query.filenameContains() != null && !query.filenameContains().isEmpty()) {
      jpql.append(" and lower(j.filename) like :name escape '\\'");
      params.put("name", "%" + escapeLike(query.filenameContains().toLowerCase(Locale.ROOT)) + "%");
    }
  }

  static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
