package io.fileparser.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.audit.AuditLog;
import io.fileparser.jobs.JobEvents;
import io.fileparser.jobs.entity.Failure;
import io.fileparser.jobs.entity.Job;
import io.fileparser.mapping.entity.JobMapping;
import io.fileparser.mapping.entity.MappingState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.templates.TemplateCatalog;
import io.fileparser.templates.TemplateDiscovery;
import io.fileparser.templates.TemplateDocument;
import io.fileparser.templates.TemplateVersionView;
import io.fileparser.templates.TemplateView;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Changes a job's mapping: drafts (members), submission after the check against the sample rows,
 * and an admin's approval or rejection. Approval queues the job again through the job aggregate
 * (dispatch then sends the mapping as its pinned template), may save the mapping as a new template
 * or a new version of one (through {@link TemplateCatalog}, which audits that; the discovered
 * proposal of the job's layout is then closed with that template), is audited, and asks the workers
 * to retrain the tenant's field model after commit ({@link MappingApproved}).
 */
@Stateless
public class MappingWorkflow {

  static final String REJECTED = "MappingRejected";

  @PersistenceContext EntityManager em;
  @Inject JobEvents events;
  @Inject TemplateCatalog catalog;
  @Inject TemplateDiscovery discovery;
  @Inject AuditLog audit;
  @Inject Event<MappingApproved> approved;

  @Inject
  @ConfigProperty(name = "fileparser.mapping.history-limit", defaultValue = "500")
  int historyLimit;

  /** Where an approved mapping is saved: a new template of that name, or a new version of one. */
  public record SaveAs(UUID templateId, String name, boolean publish) {}

  /**
   * Makes {@code body} the job's draft (a submitted mapping edited is a draft again).
   *
   * @throws ProblemException {@code job_not_found}, {@code job_not_awaiting_mapping}, and those of
   *     {@link MappingDraft#read}
   */
  public MappingView draft(Caller caller, UUID jobId, JsonNode body) {
    MappingDraft.requireKnownMembers(body);
    Job job = WaitingJobs.lockWaiting(em, caller, jobId);
    ColumnProfile profile = ColumnProfile.of(job.outcome().summaryJson());
    MappingDraft draft = read(job, profile, body);
    Instant now = now();
    JobMapping mapping = em.find(JobMapping.class, jobId);
    String text = write(body);
    if (mapping == null) {
      mapping =
          new JobMapping(
              jobId,
              job.getTenantId(),
              text,
              draft.document().toJson(),
              write(draft.choices()),
              caller.subject(),
              now);
      em.persist(mapping);
    } else {
      mapping.draft(text, draft.document().toJson(), write(draft.choices()), caller.subject(), now);
    }
    return view(job, mapping);
  }

  /**
   * Checks the draft against the sample rows; without problems it is submitted for approval.
   *
   * @throws ProblemException {@code mapping_not_drafted}, {@code mapping_check_failed} with {@code
   *     problems} (field, column, code, row, value, message)
   */
  public MappingView submit(Caller caller, UUID jobId) {
    Job job = WaitingJobs.lockWaiting(em, caller, jobId);
    JobMapping mapping = em.find(JobMapping.class, jobId);
    if (mapping == null) {
      throw new ProblemException(
          ProblemType.MAPPING_NOT_DRAFTED, "no mapping was drafted for this job; PUT one first");
    }
    ColumnProfile profile = ColumnProfile.of(job.outcome().summaryJson());
    MappingDraft draft = read(job, profile, readTree(mapping.getDraft()));
    List<MappingCheck.Problem> problems = MappingCheck.problems(draft, profile);
    if (!problems.isEmpty()) {
      throw new ProblemException(
          ProblemType.MAPPING_CHECK_FAILED,
          problems.size()
              + " problem"
              + (problems.size() == 1 ? "" : "s")
              + " with the sample rows: "
              + problems.get(0).message(),
          Map.of("problems", problems.stream().map(MappingWorkflow::problem).toList()));
    }
    mapping.submit(caller.subject(), now());
    return view(job, mapping);
  }

  /**
   * Approves the submitted mapping: saved as a template (or a new version of one) when asked, the
   * job queued again to be read with it.
   *
   * @throws ProblemException {@code mapping_not_submitted}; those of {@link TemplateCatalog} for
   *     {@code saveAs} ({@code template_not_found}, {@code template_read_only}, {@code
   *     template_archived}, {@code template_name_taken})
   */
  public MappingView approve(Caller caller, UUID jobId, SaveAs saveAs) {
    Job job = WaitingJobs.lockWaiting(em, caller, jobId);
    JobMapping mapping = em.find(JobMapping.class, jobId);
    if (mapping == null || mapping.getState() != MappingState.SUBMITTED) {
      throw new ProblemException(
          ProblemType.MAPPING_NOT_SUBMITTED,
          "the mapping is "
              + (mapping == null ? "not drafted" : mapping.getState())
              + "; submit it (POST /mapping/"
              + jobId
              + "/submit) before approving",
          Map.of("state", mapping == null ? "PENDING" : mapping.getState().name()));
    }
    UUID templateId = null;
    Integer version = null;
    if (saveAs != null) {
      ObjectNode document = TemplateDocument.stored(mapping.getDocument()).json().deepCopy();
      if (saveAs.templateId() != null) {
        TemplateView target = catalog.get(caller, saveAs.templateId());
        document.put("name", target.name());
        TemplateVersionView draft = catalog.edit(caller, target.id(), document);
        templateId = target.id();
        version = draft.version();
      } else {
        document.put("name", saveAs.name().strip());
        TemplateView created = catalog.create(caller, document);
        templateId = created.id();
        version = 1;
      }
      if (saveAs.publish()) {
        catalog.publish(caller, templateId, version);
      }
      discovery.closeForJob(caller, jobId, templateId, version);
    }
    Instant now = now();
    mapping.approve(caller.subject(), now, templateId, version);
    job.resumeWithMapping(caller.subject(), now);
    events.publish(job);
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "mapping.approved",
        "job",
        jobId.toString(),
        templateId == null ? "not saved" : "template=" + templateId + " version=" + version);
    List<JobMapping> history = MappingHistory.approved(em, caller.tenantId(), historyLimit);
    approved.fire(
        new MappingApproved(caller.tenantId(), jobId, MappingHistory.trainingExamples(history)));
    return view(job, mapping);
  }

  /**
   * Rejects the job's mapping: the job fails with the reason (a terminal state; upload the file
   * again with a template to parse it).
   */
  public MappingView reject(Caller caller, UUID jobId, String reason) {
    Job job = WaitingJobs.lockWaiting(em, caller, jobId);
    JobMapping mapping = em.find(JobMapping.class, jobId);
    Instant now = now();
    if (mapping != null) {
      mapping.reject(caller.subject(), now, reason);
    }
    job.rejectMapping(
        new Failure(
            REJECTED,
            reason,
            "the columns were not mapped; upload the file again naming a template that reads it"),
        now);
    events.publish(job);
    audit.record(
        caller.tenantId(), caller.subject(), "mapping.rejected", "job", jobId.toString(), reason);
    return view(job, mapping);
  }

  private static MappingDraft read(Job job, ColumnProfile profile, JsonNode body) {
    return MappingDraft.read(
        body, profile, job.getFormat().name(), "Mapping of " + job.getFilename());
  }

  private MappingView view(Job job, JobMapping mapping) {
    ColumnProfile profile = ColumnProfile.of(job.outcome().summaryJson());
    List<JobMapping> history = MappingHistory.approved(em, job.getTenantId(), historyLimit);
    return MappingView.of(
        job, mapping, MappingHistory.ranked(profile, MappingHistory.choices(history), now()));
  }

  private static Map<String, Object> problem(MappingCheck.Problem p) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("field", p.field());
    map.put("column", p.column());
    map.put("code", p.code());
    map.put("row", p.row());
    map.put("value", p.value());
    map.put("message", p.message());
    return map;
  }

  private static String write(JsonNode node) {
    try {
      return ColumnProfile.JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always writes", e);
    }
  }

  private static JsonNode readTree(String text) {
    try {
      return ColumnProfile.JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored mapping draft is JSON", e);
    }
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
