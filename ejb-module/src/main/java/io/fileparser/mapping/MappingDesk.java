package io.fileparser.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.dispatch.WorkerTasks;
import io.fileparser.jobs.Cursor;
import io.fileparser.jobs.PageLimit;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.mapping.entity.JobMapping;
import io.fileparser.mapping.entity.MappingState;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads mappings within the caller's tenant: the list of jobs waiting for one (or decided), a job's
 * mapping with its column profile and ranked suggestions, and suggestions for columns sent by a
 * client (ranked by a worker's field model, which only the workers hold, and the tenant's history).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class MappingDesk {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;
  static final String SUGGEST_TASK = "parser.suggest_fields";

  @PersistenceContext EntityManager em;
  @Inject WorkerTasks tasks;

  @Inject
  @ConfigProperty(name = "fileparser.mapping.history-limit", defaultValue = "500")
  int historyLimit;

  @Inject
  @ConfigProperty(name = "fileparser.mapping.suggest-timeout-ms", defaultValue = "5000")
  long suggestTimeoutMs;

  /**
   * One page of the tenant's jobs by mapping state, oldest first, keyset-paginated on (createdAt,
   * id): {@code pending} (waiting in NEEDS_MAPPING, the default), {@code approved} or {@code
   * rejected}.
   */
  public MappingPage list(Caller caller, String state, String limit, String cursor) {
    int size = PageLimit.parse(limit == null ? Integer.toString(DEFAULT_LIMIT) : limit, MAX_LIMIT);
    String wanted = state == null || state.isBlank() ? "pending" : state.strip();
    Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
    if (after != null && !after.isFor(caller.tenantId())) {
      throw Cursor.invalid();
    }
    StringBuilder jpql = new StringBuilder("select j from Job j where j.tenantId = :tenant");
    MappingState decided = null;
    switch (wanted.toLowerCase(Locale.ROOT)) {
      case "pending" -> jpql.append(" and j.state = :waiting");
      case "approved" -> decided = MappingState.APPROVED;
      case "rejected" -> decided = MappingState.REJECTED;
      default ->
          throw new ProblemException(
              ProblemType.INVALID_REQUEST,
              "state must be pending, approved or rejected",
              Map.of("parameter", "state"));
    }
    if (decided != null) {
      jpql.append(
          " and exists (select m from JobMapping m where m.jobId = j.id and m.state = :decided)");
    }
    if (after != null) {
      jpql.append(" and (j.createdAt > :afterAt or (j.createdAt = :afterAt and j.id > :afterId))");
    }
    jpql.append(" order by j.createdAt, j.id");
    TypedQuery<Job> query =
        em.createQuery(jpql.toString(), Job.class)
            .setParameter("tenant", caller.tenantId())
            .setMaxResults(size + 1);
    if (decided == null) {
      query.setParameter("waiting", JobState.NEEDS_MAPPING);
    } else {
      query.setParameter("decided", decided);
    }
    if (after != null) {
      query.setParameter("afterAt", after.createdAt()).setParameter("afterId", after.id());
    }
    List<Job> rows = query.getResultList();
    List<Job> page = rows.size() > size ? rows.subList(0, size) : rows;
    Map<UUID, JobMapping> mappings = mappingsOf(page);
    List<MappingSummary> items = new ArrayList<>();
    for (Job job : page) {
      items.add(MappingSummary.of(job, mappings.get(job.getId())));
    }
    String next = null;
    if (rows.size() > size) {
      Job last = page.get(page.size() - 1);
      next = Cursor.of(last.getCreatedAt(), last.getId(), caller.tenantId()).encode();
    }
    return new MappingPage(items, next);
  }

  /**
   * The job's mapping with what the worker found and ranked suggestions.
   *
   * @throws ProblemException {@code job_not_found}, {@code job_not_awaiting_mapping}
   */
  public MappingView get(Caller caller, UUID jobId) {
    Job job = WaitingJobs.readable(em, caller, jobId);
    ColumnProfile profile = ColumnProfile.of(job.outcome().summaryJson());
    return MappingView.of(
        job,
        em.find(JobMapping.class, jobId),
        MappingHistory.ranked(profile, history(caller), MappingWorkflow.now()));
  }

  /**
   * Ranked fields for the columns of a profile or a CSV sample ({@link SuggestionInput}): the
   * worker's field model for this tenant, waited for at most {@code
   * fileparser.mapping.suggest-timeout-ms}, then the tenant's history.
   *
   * @throws ProblemException {@code invalid_request} for input that has no columns, {@code
   *     suggestions_unavailable} (503) when no worker answered in time
   */
  public SuggestedFields suggest(Caller caller, JsonNode body) {
    List<SuggestionInput.Column> columns = SuggestionInput.read(body);
    List<Map<String, Object>> sent =
        columns.stream()
            .map(
                c -> {
                  Map<String, Object> column = new java.util.LinkedHashMap<>();
                  column.put("header", c.header());
                  column.put("values", c.values());
                  return column;
                })
            .toList();
    JsonNode answer =
        tasks
            .call(
                SUGGEST_TASK,
                List.of(caller.tenantId()),
                Map.of("columns", sent),
                Duration.ofMillis(suggestTimeoutMs))
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemType.SUGGESTIONS_UNAVAILABLE,
                        "no parse worker answered within "
                            + suggestTimeoutMs
                            + " ms; try again shortly"));
    List<SuggestionRanking.PastChoice> history = history(caller);
    List<SuggestedFields.Column> ranked = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      List<ColumnProfile.Suggestion> model = new ArrayList<>();
      for (JsonNode s : answer.path("columns").path(i)) {
        model.add(
            new ColumnProfile.Suggestion(
                s.path("field").asText(),
                s.path("confidence").asDouble(0),
                s.path("reason").asText("")));
      }
      String header = columns.get(i).header();
      ranked.add(
          new SuggestedFields.Column(
              header == null ? "column " + (i + 1) : header,
              SuggestionRanking.rank(header, model, history, MappingWorkflow.now())));
    }
    return new SuggestedFields(ranked, answer.path("modelVersion").asText(null));
  }

  private List<SuggestionRanking.PastChoice> history(Caller caller) {
    return MappingHistory.choices(MappingHistory.approved(em, caller.tenantId(), historyLimit));
  }

  private Map<UUID, JobMapping> mappingsOf(List<Job> jobs) {
    if (jobs.isEmpty()) {
      return Map.of();
    }
    return em.createQuery("select m from JobMapping m where m.jobId in :ids", JobMapping.class)
        .setParameter("ids", jobs.stream().map(Job::getId).toList())
        .getResultStream()
        .collect(Collectors.toMap(JobMapping::getJobId, Function.identity()));
  }
}
