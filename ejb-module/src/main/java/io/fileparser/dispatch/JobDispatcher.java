package io.fileparser.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.dispatch.entity.OutboxMessage;
import io.fileparser.files.entity.StoredFile;
import io.fileparser.jobs.JobChangeListener;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.security.entity.Tenant;
import io.fileparser.storage.ObjectStore;
import io.fileparser.templates.TemplateDocuments;
import io.fileparser.templates.WorkerTemplates;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps the outbox in step with the jobs. When a job enters the queue (first queueing, release
 * after a late scan, retry) it writes the job's next attempt: a fresh Celery task id, its queue
 * priority, and the task message itself; when a job is cancelled it drops what was not sent yet.
 * Hears each {@link JobChanged} inside the transaction that changed the job ({@link
 * JobChangeListener}), so the change and its dispatch commit together; the relay pushes the message
 * to Redis after the commit. A job queued again after its mapping was approved is sent with that
 * mapping as its pinned template. A new upload's job is given its first task before its row is
 * inserted ({@link #assignBeforeInsert}), so that row is written once.
 */
@Stateless
@Local(JobChangeListener.class)
@LocalBean
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class JobDispatcher implements JobChangeListener {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ORIGIN = "java@" + hostName();

  @PersistenceContext EntityManager em;
  @Inject DispatchSettings settings;
  @Inject ObjectStore store;
  @Inject OutboxBatch outbox;
  @Inject WorkerTemplates templates;
  @Inject ApprovedMappings mappings;
  @Inject TemplateDocuments documents;

  @Override
  public void onChanges(List<JobChanged> changes) {
    for (JobChanged change : changes) {
      onChanged(change);
    }
  }

  void onChanged(JobChanged change) {
    if (change.isQueueing()) {
      if (change.from() == JobState.QUEUED) {
        // Queued again while queued (a new priority, lost work): the new attempt supersedes any
        // message of the old one that has not left yet.
        outbox.discardUnsent(change.jobId());
      }
      dispatch(em.find(Job.class, change.jobId()), change);
    } else if (change.to() == JobState.CANCELLED) {
      outbox.discardUnsent(change.jobId());
    }
  }

  /**
   * Assigns the first task of a new job queued at once, before its row is inserted: the row is then
   * written once, where a task assigned when its queueing is heard (after the insert) costs it an
   * update through every index of {@code jobs}. Its queueing, heard next, writes the message.
   */
  public void assignBeforeInsert(Job job, Instant now) {
    if (job.awaitsTask()) {
      assign(job, now);
    }
  }

  /**
   * Schedules the job's next attempt, available once its retry backoff (if any) has passed, with
   * the admin's queue priority where one was given, else the policy's.
   */
  void dispatch(Job job, JobChanged queueing) {
    Instant now = queueing.at();
    if (!job.hasTaskFor(queueing)) {
      assign(job, now);
    }
    int attempt = job.attempt().count();
    UUID taskId = UUID.fromString(job.attempt().taskId());
    int priority = job.attempt().kombuPriority();
    Instant availableAt =
        job.attempt().availableAt() == null || job.attempt().availableAt().isBefore(now)
            ? now
            : job.attempt().availableAt();
    String queueKey = KombuQueues.listKey(settings.queue(), priority);
    UUID deliveryTag = UUID.randomUUID();
    List<String> templateKeys = new ArrayList<>();
    CeleryTaskMessage message =
        new CeleryTaskMessage(
            settings.taskName(),
            taskId,
            List.of(job.getId().toString()),
            kwargs(job, attempt, templateKeys),
            settings.queue(),
            priority,
            deliveryTag,
            ORIGIN,
            settings.hardTimeLimitSeconds(),
            settings.softTimeLimitSeconds());
    em.persist(
        new OutboxMessage(
            UUID.randomUUID(),
            job.getId(),
            job.getTenantId(),
            taskId,
            attempt,
            queueKey,
            priority,
            deliveryTag,
            message.toEnvelope(),
            templateKeys,
            availableAt,
            now));
  }

  /** The job's next attempt: a fresh Celery task id and its queue priority. */
  private void assign(Job job, Instant now) {
    Tenant tenant = em.find(Tenant.class, job.getTenantId());
    int priority =
        DispatchPriority.of(
            job.getPriority(),
            tenant == null ? null : tenant.getTier(),
            job.getFile().getSizeBytes(),
            job.getQueuePriorityOverride());
    job.assignTask(UUID.randomUUID().toString(), job.attempt().count() + 1, priority, now);
  }

  /**
   * The task's kwargs; the Redis keys of the template lists they name go to {@code templateKeys}.
   */
  private Map<String, Object> kwargs(Job job, int attempt, List<String> templateKeys) {
    StoredFile file = job.getFile();
    Map<String, Object> fileFacts = new LinkedHashMap<>();
    fileFacts.put("uri", file.getStorageUri());
    fileFacts.put("sha256", file.getSha256());
    fileFacts.put("size", file.getSizeBytes());
    fileFacts.put("mime", file.getMimeType());
    fileFacts.put("format", file.getFormat().name());
    fileFacts.put("filename", job.getFilename());

    Map<String, Object> options = new LinkedHashMap<>();
    if (job.getMetadata() != null) {
      try {
        options.putAll(JSON.readValue(job.getMetadata(), Map.class));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(
            "stored metadata of job " + job.getId() + " is not JSON", e);
      }
    }
    options.put("priority", job.getPriority());

    Map<String, Object> kwargs = new LinkedHashMap<>();
    kwargs.put("file", fileFacts);
    kwargs.put("tenantId", job.getTenantId());
    // A mapping is made for a job a worker found nothing to fit, so a first attempt has none.
    Optional<ApprovedMappings.ApprovedMapping> mapping =
        attempt == 1 ? Optional.empty() : mappings.of(job.getId());
    if (mapping.isPresent()) {
      mapped(job, mapping.get(), kwargs, templateKeys);
    } else {
      kwargs.put("templateId", job.getTemplateId());
      kwargs.put("templateVersion", job.getPinnedTemplateVersion());
      kwargs.put("templates", List.of());
      nameSet(
          templates.forJob(job.getTenantId(), job.getTemplateId(), job.getPinnedTemplateVersion()),
          kwargs,
          templateKeys);
    }
    kwargs.put(
        "output",
        Map.of(
            "recordsUri",
            store.resultLocation(job.getTenantId(), job.getId(), attempt).toString()));
    kwargs.put("options", options);
    kwargs.put("attempt", attempt);
    return kwargs;
  }

  /**
   * A job whose mapping a person approved reads its file with that mapping: the mapping's document
   * goes first and pinned (as the template it was saved as, or as {@code mapping-<jobId>}), the
   * tenant's published templates after it.
   */
  private void mapped(
      Job job,
      ApprovedMappings.ApprovedMapping mapping,
      Map<String, Object> kwargs,
      List<String> templateKeys) {
    String id = mapping.templateId();
    Integer version = mapping.version();
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", id);
    entry.put("version", version);
    entry.put("system", false);
    try {
      entry.put("document", JSON.readTree(mapping.document()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored mapping of job " + job.getId() + " is not JSON", e);
    }
    List<Map<String, Object>> others = new ArrayList<>();
    for (Map<String, Object> published : templates.forJob(job.getTenantId(), null, null)) {
      if (!id.equals(published.get("id"))) {
        others.add(published);
      }
    }
    kwargs.put("templateId", id);
    kwargs.put("templateVersion", version);
    kwargs.put("templates", List.of(entry));
    nameSet(others, kwargs, templateKeys);
  }

  /**
   * Names the published versions the task reads by one key (kwargs {@code templateSet}), whose list
   * and documents the relay makes sure are in Redis before the push (TemplateDocuments): the
   * message does not grow with the tenant's templates.
   */
  private void nameSet(
      List<Map<String, Object>> published, Map<String, Object> kwargs, List<String> keys) {
    if (!published.isEmpty()) {
      String setKey = documents.nameSet(published);
      kwargs.put("templateSet", setKey);
      keys.add(setKey);
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
