package io.fileparser.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.audit.AuditLog;
import io.fileparser.jobs.Cursor;
import io.fileparser.jobs.PageLimit;
import io.fileparser.jobs.entity.Job;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.templates.entity.ProposalState;
import io.fileparser.templates.entity.TemplateProposal;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Discovered templates: a table no template fits (its job starts waiting in {@code NEEDS_MAPPING},
 * {@link #jobNeedsMapping}) becomes a proposal of its layout, one per tenant and {@link
 * LayoutProfile#fingerprint}, counting the jobs it was seen in. Admins edit the proposed document,
 * approve it (a template is made, published if asked) or reject it (the fingerprint stays, so the
 * layout is not proposed again); approving a job's mapping saved as a template closes the proposal
 * of that job's layout. Every decision is audited; a proposal of another tenant answers as one that
 * does not exist.
 */
@Stateless
public class TemplateDiscovery {

  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  private static final Logger LOG = Logger.getLogger(TemplateDiscovery.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext EntityManager em;
  @Inject TemplateCatalog catalog;
  @Inject AuditLog audit;

  /** The edits an approval may carry; null members keep the proposal's. */
  public record Approval(String name, ObjectNode document, boolean publish) {}

  /** An instance wired by hand, outside the container, for proposing only (component tests). */
  public static TemplateDiscovery over(EntityManager em) {
    TemplateDiscovery discovery = new TemplateDiscovery();
    discovery.em = em;
    return discovery;
  }

  /**
   * A job starts waiting for a mapping ({@code progress.TaskOutcomes}, in the transaction that
   * moves it): its layout is proposed, or the proposal of that layout counts one more job. Only CSV
   * and CDR tables are profiled; a layout that cannot be proposed is logged and does not keep the
   * job from waiting.
   */
  public void jobNeedsMapping(Job job, Instant at) {
    String format = job.getFormat().name();
    if (job.outcome().summaryJson() == null || (!"CSV".equals(format) && !"CDR".equals(format))) {
      return;
    }
    LayoutProfile profile;
    String document;
    try {
      profile = LayoutProfile.of(format, JSON.readTree(job.outcome().summaryJson()));
      if (profile.isEmpty()) {
        return;
      }
      document = TemplateDocument.parse(profile.proposedDocument(), false).toJson();
    } catch (JsonProcessingException | RuntimeException e) {
      LOG.log(Level.WARNING, "no proposal for the layout of job " + job.getId(), e);
      return;
    }
    sighted(job.getTenantId(), job.getId(), profile, document, at);
  }

  /**
   * Records that job {@code jobId} showed the layout: its proposal is made when new, and counts the
   * job once however often this runs. Returns the proposal's id.
   */
  UUID sighted(String tenantId, UUID jobId, LayoutProfile profile, String document, Instant at) {
    String fingerprint = profile.fingerprint();
    em.createNativeQuery(
            "insert into template_proposals (id, tenant_id, fingerprint, state, format, profile,"
                + " document, sightings, first_job_id, first_seen_at, last_seen_at, updated_at)"
                + " values (?1, ?2, ?3, 'DISCOVERED', ?4, cast(?5 as jsonb), cast(?6 as jsonb), 0,"
                + " ?7, ?8, ?8, ?8) on conflict (tenant_id, fingerprint) do nothing")
        .setParameter(1, UUID.randomUUID())
        .setParameter(2, tenantId)
        .setParameter(3, fingerprint)
        .setParameter(4, profile.format())
        .setParameter(5, profile.toJson().toString())
        .setParameter(6, document)
        .setParameter(7, jobId)
        .setParameter(8, at)
        .executeUpdate();
    UUID id =
        (UUID)
            em.createNativeQuery(
                    "select id from template_proposals where tenant_id = ?1 and fingerprint = ?2")
                .setParameter(1, tenantId)
                .setParameter(2, fingerprint)
                .getSingleResult();
    int added =
        em.createNativeQuery(
                "insert into template_proposal_sightings (proposal_id, job_id, seen_at)"
                    + " values (?1, ?2, ?3) on conflict do nothing")
            .setParameter(1, id)
            .setParameter(2, jobId)
            .setParameter(3, at)
            .executeUpdate();
    if (added > 0) {
      em.createNativeQuery(
              "update template_proposals set sightings = sightings + 1,"
                  + " last_seen_at = greatest(last_seen_at, ?2) where id = ?1")
          .setParameter(1, id)
          .setParameter(2, at)
          .executeUpdate();
    }
    return id;
  }

  /**
   * One page of the tenant's proposals in a state ({@code DISCOVERED} by default), oldest first.
   *
   * @throws ProblemException {@code invalid_request}, {@code invalid_cursor}
   */
  public TemplateProposalPage list(Caller caller, String state, String limit, String cursor) {
    ProposalState wanted;
    try {
      wanted =
          state == null || state.isBlank()
              ? ProposalState.DISCOVERED
              : ProposalState.valueOf(state.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "state must be DISCOVERED, APPROVED or REJECTED",
          Map.of("parameter", "state"));
    }
    int size = PageLimit.parse(limit == null ? Integer.toString(DEFAULT_LIMIT) : limit, MAX_LIMIT);
    Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
    if (after != null && !after.isFor(caller.tenantId())) {
      throw Cursor.invalid();
    }
    TypedQuery<TemplateProposal> query =
        em.createQuery(
                "select p from TemplateProposal p where p.tenantId = :tenant and p.state = :state"
                    + (after == null
                        ? ""
                        : " and (p.firstSeenAt > :afterAt or (p.firstSeenAt = :afterAt and p.id >"
                            + " :afterId))")
                    + " order by p.firstSeenAt, p.id",
                TemplateProposal.class)
            .setParameter("tenant", caller.tenantId())
            .setParameter("state", wanted)
            .setMaxResults(size + 1);
    if (after != null) {
      query.setParameter("afterAt", after.createdAt()).setParameter("afterId", after.id());
    }
    List<TemplateProposal> rows = query.getResultList();
    List<TemplateProposal> page = rows.size() > size ? rows.subList(0, size) : rows;
    String next = null;
    if (rows.size() > size) {
      TemplateProposal last = page.get(page.size() - 1);
      next = Cursor.of(last.getFirstSeenAt(), last.getId(), caller.tenantId()).encode();
    }
    return new TemplateProposalPage(page.stream().map(TemplateProposalView::from).toList(), next);
  }

  /**
   * @throws ProblemException {@code template_proposal_not_found}
   */
  public TemplateProposalView get(Caller caller, UUID id) {
    return TemplateProposalView.from(find(caller, id));
  }

  /**
   * Replaces the proposed document (every rule of the template format applies).
   *
   * @throws ProblemException {@code invalid_template}, {@code invalid_request}, {@code
   *     template_proposal_not_found}, {@code template_proposal_decided}
   */
  public TemplateProposalView edit(Caller caller, UUID id, JsonNode body) {
    TemplateDocument document = TemplateDocument.parse(body, false);
    TemplateProposal proposal = open(caller, id);
    proposal.edit(document.toJson(), caller.subject(), TemplateCatalog.now());
    audit(caller, "template.proposal.edited", proposal, "name=" + document.name());
    return TemplateProposalView.from(proposal);
  }

  /**
   * Makes a template of the proposal (version 1, published when asked) and closes it.
   *
   * @throws ProblemException those of {@link #edit}, {@link TemplateCatalog#create} ({@code
   *     template_name_taken})
   */
  public TemplateProposalView approve(Caller caller, UUID id, Approval approval) {
    ObjectNode document =
        approval.document() == null
            ? null
            : TemplateDocument.parse(approval.document(), false).json().deepCopy();
    TemplateProposal proposal = open(caller, id);
    if (document == null) {
      document = TemplateDocument.stored(proposal.getDocument()).json().deepCopy();
    }
    if (approval.name() != null) {
      document.put("name", approval.name().strip());
    }
    TemplateView created = catalog.create(caller, document);
    if (approval.publish()) {
      catalog.publish(caller, created.id(), 1);
    }
    proposal.approve(caller.subject(), TemplateCatalog.now(), created.id(), 1);
    audit(
        caller,
        "template.proposal.approved",
        proposal,
        "template=" + created.id() + " published=" + approval.publish());
    return TemplateProposalView.from(proposal);
  }

  /**
   * Rejects the proposal: its layout is not proposed again.
   *
   * @throws ProblemException {@code template_proposal_not_found}, {@code template_proposal_decided}
   */
  public TemplateProposalView reject(Caller caller, UUID id, String reason) {
    TemplateProposal proposal = open(caller, id);
    proposal.reject(caller.subject(), TemplateCatalog.now(), reason);
    audit(caller, "template.proposal.rejected", proposal, reason == null ? "" : reason);
    return TemplateProposalView.from(proposal);
  }

  /**
   * A job's mapping was approved and saved as version {@code version} of {@code templateId}: the
   * open proposal of the job's layout, if any, is approved with that template.
   */
  public Optional<UUID> closeForJob(Caller caller, UUID jobId, UUID templateId, int version) {
    List<?> ids =
        em.createNativeQuery(
                "select p.id from template_proposals p join template_proposal_sightings s"
                    + " on s.proposal_id = p.id where p.tenant_id = ?1 and p.state = 'DISCOVERED'"
                    + " and s.job_id = ?2")
            .setParameter(1, caller.tenantId())
            .setParameter(2, jobId)
            .getResultList();
    List<TemplateProposal> open = new java.util.ArrayList<>();
    for (Object id : ids) {
      TemplateProposal proposal =
          em.find(TemplateProposal.class, id, LockModeType.PESSIMISTIC_WRITE);
      if (proposal != null && proposal.isOpen()) {
        open.add(proposal);
      }
    }
    for (TemplateProposal proposal : open) {
      proposal.approve(caller.subject(), TemplateCatalog.now(), templateId, version);
      audit(
          caller,
          "template.proposal.approved",
          proposal,
          "template=" + templateId + " by mapping of job " + jobId);
    }
    return open.stream().findFirst().map(TemplateProposal::getId);
  }

  private TemplateProposal find(Caller caller, UUID id) {
    TemplateProposal proposal = em.find(TemplateProposal.class, id);
    if (proposal == null || !proposal.getTenantId().equals(caller.tenantId())) {
      throw new ProblemException(
          ProblemType.TEMPLATE_PROPOSAL_NOT_FOUND, "no template proposal " + id);
    }
    return proposal;
  }

  /** The caller's proposal, its row locked, still undecided. */
  private TemplateProposal open(Caller caller, UUID id) {
    TemplateProposal proposal = find(caller, id);
    em.lock(proposal, LockModeType.PESSIMISTIC_WRITE);
    em.refresh(proposal);
    if (!proposal.isOpen()) {
      throw new ProblemException(
          ProblemType.TEMPLATE_PROPOSAL_DECIDED,
          "proposal " + id + " is " + proposal.getState() + "; a decision is final",
          Map.of("state", proposal.getState().name()));
    }
    return proposal;
  }

  private void audit(Caller caller, String action, TemplateProposal proposal, String details) {
    audit.record(
        caller.tenantId(),
        caller.subject(),
        action,
        "template_proposal",
        proposal.getId().toString(),
        details);
  }
}
