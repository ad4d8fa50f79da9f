package io.fileparser.jobs;

import io.fileparser.jobs.entity.Job;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
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

  /** The version of a job's row, which every change of the job raises (its optimistic lock). */
  static final String JOB_VERSION =
      "select j.version from Job j where j.id = :id and j.tenantId = :tenant";

  @Inject JobViews views;

  /**
   * The job as its status shows it. One small statement reads the job's current version; the view
   * read at that version is answered from {@link JobViews}, and only a job changed since (or never
   * read here) is loaded whole.
   */
  public JobView find(Caller caller, UUID id) {
    Long version =
        em.createQuery(JOB_VERSION, Long.class)
            .setParameter("id", id)
            .setParameter("tenant", caller.tenantId())
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> notFound(id));
    JobView kept = views.at(id, caller.tenantId(), version);
    if (kept != null) {
      return kept;
    }
    Job job =
        em.createQuery(WHOLE_JOB, Job.class)
            .setParameter("id", id)
            .setParameter("tenant", caller.tenantId())
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> notFound(id));
    JobView view = JobView.from(job);
    views.keep(id, caller.tenantId(), job.getVersion(), view);
    return view;
  }

  private static ProblemException notFound(UUID id) {
    return new ProblemException(ProblemType.JOB_NOT_FOUND, "no job " + id);
  }

  /**
   * One page of the tenant's jobs, keyset-paginated on (createdAt, id), or on (priority, createdAt,
   * id) when sorted by priority.
   */
  public JobPage list(Caller caller, JobQuery query) {
    if (query.after() != null
        && (!query.after().isFor(caller.tenantId())
            || query.byPriority() != (query.after().priority() != null))) {
      throw Cursor.invalid();
    }
    // The file joined: read one by one, a page of 50 jobs would cost 50 more queries.
    StringBuilder jpql =
        new StringBuilder("select j from Job j join fetch j.file where j.tenantId = :tenant");
    Map<String, Object> params = new HashMap<>();
    filter(caller, query.filter(), jpql, params);
    Long total = query.withTotal() ? count(jpql, params) : null;
    // By priority, the time runs the other way: most urgent first, and the oldest of them first.
    boolean timeDescending = query.byPriority() ? !query.newestFirst() : query.newestFirst();
    String cmp = timeDescending ? "<" : ">";
    if (query.after() != null) {
      String byTime =
          "(j.createdAt "
              + cmp
              + " :afterAt or (j.createdAt = :afterAt and j.id "
              + cmp
              + " :afterId))";
      if (query.byPriority()) {
        String before = query.newestFirst() ? "<" : ">";
        jpql.append(" and (j.priority ")
            .append(before)
            .append(" :afterPriority or (j.priority = :afterPriority and ")
            .append(byTime)
            .append("))");
        params.put("afterPriority", query.after().priority().shortValue());
      } else {
        jpql.append(" and ").append(byTime);
      }
      params.put("afterAt", query.after().createdAt());
      params.put("afterId", query.after().id());
    }
    String dir = timeDescending ? " desc" : " asc";
    jpql.append(" order by ");
    if (query.byPriority()) {
      jpql.append("j.priority").append(query.newestFirst() ? " desc" : " asc").append(", ");
    }
    jpql.append("j.createdAt").append(dir).append(", j.id").append(dir);

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
      next =
          (query.byPriority()
                  ? Cursor.byPriority(
                      last.getPriority(), last.getCreatedAt(), last.getId(), caller.tenantId())
                  : Cursor.of(last.getCreatedAt(), last.getId(), caller.tenantId()))
              .encode();
    }
    return new JobPage(items, next, total);
  }

  /** How many jobs the conditions so far select: the page's query without its fetch and order. */
  private Long count(StringBuilder jpql, Map<String, Object> params) {
    String conditions = jpql.substring(jpql.indexOf(" where "));
    TypedQuery<Long> q = em.createQuery("select count(j) from Job j" + conditions, Long.class);
    params.forEach(q::setParameter);
    return q.getSingleResult();
  }

  /**
   * The ids of the tenant's jobs that {@code filter} selects, oldest first, at most {@code max}.
   */
  public List<UUID> ids(Caller caller, JobFilter filter, int max) {
    StringBuilder jpql = new StringBuilder("select j.id from Job j where j.tenantId = :tenant");
    Map<String, Object> params = new HashMap<>();
    filter(caller, filter, jpql, params);
    jpql.append(" order by j.createdAt, j.id");
    TypedQuery<UUID> q = em.createQuery(jpql.toString(), UUID.class);
    params.forEach(q::setParameter);
    return q.setMaxResults(max).getResultList();
  }

  /**
   * Appends the filter's conditions. Text search goes through {@code job_search_text} (V24), the
   * expression its trigram index is built on; metadata values through {@code job_metadata_value}.
   */
  private static void filter(
      Caller caller, JobFilter filter, StringBuilder jpql, Map<String, Object> params) {
    params.put("tenant", caller.tenantId());
    if (!filter.states().isEmpty()) {
      jpql.append(" and j.state in :states");
      params.put("states", filter.states());
    }
    if (!filter.formats().isEmpty()) {
      jpql.append(" and j.format in :formats");
      params.put("formats", filter.formats().stream().map(Enum::name).toList());
    }
    if (!filter.priorities().isEmpty()) {
      jpql.append(" and j.priority in :priorities");
      params.put("priorities", filter.priorities().stream().map(Integer::shortValue).toList());
    }
    range(jpql, params, "j.createdAt", "created", filter.createdFrom(), filter.createdTo());
    range(jpql, params, "j.finishedAt", "finished", filter.completedFrom(), filter.completedTo());
    if (filter.filenameContains() != null && !filter.filenameContains().isEmpty()) {
      jpql.append(" and lower(j.filename) like :name escape '\\'");
      params.put(
          "name", "%" + escapeLike(filter.filenameContains().toLowerCase(Locale.ROOT)) + "%");
    }
    for (int i = 0; i < filter.terms().size(); i++) {
      jpql.append(
              " and cast(function('job_search_text', j.filename, j.metadata) as String) like :term")
          .append(i)
          .append(" escape '\\'");
      params.put("term" + i, "%" + escapeLike(filter.terms().get(i)) + "%");
    }
    if (filter.templateId() != null) {
      if (filter.templateVersion() == null) {
        jpql.append(" and (j.templateId = :template or j.outcome.templateMatched = :template)");
      } else {
        jpql.append(" and ((j.templateId = :template and j.pinnedTemplateVersion = :version)")
            .append(" or (j.outcome.templateMatched = :template")
            .append(" and j.outcome.templateVersion = :version))");
        params.put("version", filter.templateVersion());
      }
      params.put("template", filter.templateId());
    }
    if (filter.needsMapping() != null) {
      jpql.append(" and j.outcome.layout is not null and j.outcome.needsMapping = :needsMapping");
      params.put("needsMapping", filter.needsMapping());
    }
    if (!filter.errorCategories().isEmpty()) {
      jpql.append(" and j.failure.category in :categories");
      params.put("categories", filter.errorCategories());
    }
    if (filter.submittedBy() != null) {
      jpql.append(" and j.submittedBy = :submittedBy");
      params.put("submittedBy", filter.submittedBy());
    }
    int m = 0;
    for (Map.Entry<String, String> condition : filter.metadata().entrySet()) {
      jpql.append(" and cast(function('job_metadata_value', j.metadata, :metaKey")
          .append(m)
          .append(") as String) = :metaValue")
          .append(m);
      params.put("metaKey" + m, condition.getKey());
      params.put("metaValue" + m, condition.getValue());
      m++;
    }
  }

  private static void range(
      StringBuilder jpql,
      Map<String, Object> params,
      String path,
      String name,
      java.time.Instant from,
      java.time.Instant to) {
    if (from != null) {
      jpql.append(" and ").append(path).append(" >= :").append(name).append("From");
      params.put(name + "From", from);
    }
    if (to != null) {
      jpql.append(" and ").append(path).append(" < :").append(name).append("To");
      params.put(name + "To", to);
    }
  }

  static String escapeLike(String s) {
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
