package io.fileparser.backtests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.audit.AuditLog;
import io.fileparser.backtests.entity.TemplateBacktest;
import io.fileparser.dispatch.DispatchSettings;
import io.fileparser.dispatch.WorkerTasks;
import io.fileparser.files.entity.StoredFile;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.templates.DraftUnderTest;
import io.fileparser.templates.TemplateCatalog;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Back-tests of a draft template version before it is published: the workers read the tenant's most
 * recent files the template read ({@link #MAX_FILES} jobs completed with it) with the draft and the
 * current version side by side ({@code parser.backtest_template}, behind every waiting parse job)
 * and answer what would change, field by field. The jobs and their results are not touched. The
 * answer is collected from the result backend when the back-test is read; one the workers never
 * give within {@link #answerWithin} is a failed back-test.
 */
@Stateless
public class TemplateBacktests {

  static final String TASK = "parser.backtest_template";

  /** How many of the tenant's most recent files of the template a back-test reads. */
  public static final int MAX_FILES = 10;

  private static final Logger LOG = Logger.getLogger(TemplateBacktests.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext EntityManager em;
  @Inject WorkerTasks tasks;
  @Inject DispatchSettings dispatch;
  @Inject AuditLog audit;
  @Inject TemplateCatalog templates;

  /**
   * Starts a back-test of draft {@code version} of the caller's template {@code id} against its
   * current version.
   *
   * @throws ProblemException {@code template_not_found}, {@code template_version_not_found}, {@code
   *     template_read_only} (a system template), {@code template_archived}, {@code
   *     template_version_not_draft}, {@code template_backtest_no_files} (no job completed with the
   *     template yet)
   */
  public TemplateBacktestView start(Caller caller, UUID id, int version) {
    DraftUnderTest draft = templates.draftUnderTest(caller, id, version);
    Integer against = draft.currentVersion();
    List<Job> jobs = against == null ? List.of() : recentJobs(caller.tenantId(), id);
    if (jobs.isEmpty()) {
      throw new ProblemException(
          ProblemType.TEMPLATE_BACKTEST_NO_FILES,
          "no job of this tenant completed with template "
              + id
              + " yet, so there is nothing to test version "
              + version
              + " against; publish a version and parse files with it first");
    }
    Map<String, Object> kwargs = new LinkedHashMap<>();
    kwargs.put("current", entry(id, against, draft.currentDocument()));
    kwargs.put("draft", entry(id, version, draft.document()));
    kwargs.put("files", jobs.stream().map(TemplateBacktests::file).toList());
    UUID taskId = tasks.sendLast(TASK, List.of(caller.tenantId()), kwargs);
    TemplateBacktest backtest =
        new TemplateBacktest(
            UUID.randomUUID(),
            caller.tenantId(),
            id,
            version,
            against,
            taskId,
            jobs.size(),
            caller.subject(),
            now());
    em.persist(backtest);
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "template.backtested",
        "template",
        id.toString(),
        "version=" + version + " against=" + against + " files=" + jobs.size());
    return TemplateBacktestView.from(backtest);
  }

  /**
   * The back-test {@code backtestId} of the caller's template {@code id}, with the workers' answer
   * once it is there.
   *
   * @throws ProblemException {@code template_not_found}, {@code template_backtest_not_found}
   */
  public TemplateBacktestView get(Caller caller, UUID id, UUID backtestId) {
    templates.get(caller, id); // template_not_found for a template the caller cannot see
    TemplateBacktest backtest = em.find(TemplateBacktest.class, backtestId);
    if (backtest == null
        || !backtest.getTenantId().equals(caller.tenantId())
        || !backtest.getTemplateId().equals(id)) {
      throw new ProblemException(
          ProblemType.TEMPLATE_BACKTEST_NOT_FOUND,
          "no back-test " + backtestId + " of template " + id);
    }
    if (backtest.getState() == TemplateBacktest.State.RUNNING) {
      collect(backtest);
    }
    return TemplateBacktestView.from(backtest);
  }

  private void collect(TemplateBacktest backtest) {
    Instant now = now();
    Optional<JsonNode> stored;
    try {
      stored = tasks.stored(backtest.getTaskId());
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the answer of back-test " + backtest.getId() + " is unreadable", e);
      return; // still running as far as anyone can tell; read again later
    }
    String status = stored.map(s -> s.path("status").asText()).orElse("PENDING");
    if ("SUCCESS".equals(status)) {
      try {
        backtest.complete(JSON.writeValueAsString(stored.get().path("result")), now);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a JSON tree is always JSON", e);
      }
    } else if ("FAILURE".equals(status) || "REVOKED".equals(status)) {
      JsonNode cause = stored.get().path("result");
      backtest.fail(
          "the worker could not run the back-test: "
              + cause.path("exc_type").asText("error")
              + " "
              + String.join("; ", messages(cause.path("exc_message"))),
          now);
    } else if (Duration.between(backtest.getCreatedAt(), now).compareTo(answerWithin()) > 0) {
      backtest.fail(
          "no worker answered within " + answerWithin().toMinutes() + " minutes; run it again",
          now);
    }
  }

  /** How long a back-test may wait for its answer: behind the queue, then its own time limit. */
  Duration answerWithin() {
    return Duration.ofSeconds(Math.max(dispatch.hardTimeLimitSeconds(), 60) * 2L);
  }

  private static List<String> messages(JsonNode message) {
    List<String> texts = new ArrayList<>();
    if (message.isArray()) {
      message.forEach(m -> texts.add(m.asText()));
    } else if (!message.isMissingNode() && !message.isNull()) {
      texts.add(message.asText());
    }
    return texts;
  }

  private List<Job> recentJobs(String tenantId, UUID templateId) {
    return em.createQuery(
            "select j from Job j join fetch j.file where j.tenantId = :tenantId and j.state ="
                + " :completed and j.outcome.templateMatched = :templateId"
                + " order by j.finishedAt desc, j.id",
            Job.class)
        .setParameter("tenantId", tenantId)
        .setParameter("completed", JobState.COMPLETED)
        .setParameter("templateId", templateId.toString())
        .setMaxResults(MAX_FILES)
        .getResultList();
  }

  private static Map<String, Object> entry(UUID id, int version, String document) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", id.toString());
    entry.put("version", version);
    try {
      entry.put("document", JSON.readTree(document));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored template document is JSON", e);
    }
    return entry;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private static Map<String, Object> file(Job job) {
    StoredFile file = job.getFile();
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("uri", file.getStorageUri());
    facts.put("sha256", file.getSha256());
    facts.put("size", file.getSizeBytes());
    facts.put("mime", file.getMimeType());
    facts.put("format", file.getFormat().name());
    facts.put("filename", job.getFilename());
    return Map.of("jobId", job.getId().toString(), "file", facts);
  }
}
