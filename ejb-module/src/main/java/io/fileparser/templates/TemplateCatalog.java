package io.fileparser.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.audit.AuditLog;
import io.fileparser.jobs.Cursor;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.TenantRegistry;
import io.fileparser.templates.entity.Template;
import io.fileparser.templates.entity.TemplateState;
import io.fileparser.templates.entity.TemplateVersion;
import io.fileparser.templates.entity.VersionState;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's templates and their versions, and the system ones every tenant may read. Create makes
 * version 1 a draft; an edit makes a new draft, or replaces the open one (there is at most one: the
 * published versions never change, a draft is work in progress); publishing version n makes it the
 * current one and supersedes the previous. Archiving keeps the versions for the jobs that pinned
 * them and takes the template out of the list and of new uploads. Every change is audited in its
 * transaction; publish and archive bump the tenant's revision so cached worker lists are renewed.
 */
@Stateless
public class TemplateCatalog {

  @PersistenceContext EntityManager em;
  @Inject TenantRegistry tenants;
  @Inject AuditLog audit;

  /**
   * @throws ProblemException {@code invalid_template}, {@code template_name_taken}
   */
  public TemplateView create(Caller caller, JsonNode body) {
    TemplateDocument document = TemplateDocument.parse(body, false);
    return createFrom(caller, document, "template.created", "name=" + document.name());
  }

  /**
   * Copies a template (typically a system one) into the caller's tenant as a new template whose
   * version 1 is a draft holding the source's current document (its latest if never published).
   *
   * @param name the copy's name, or null for the source's
   */
  public TemplateView copy(Caller caller, UUID sourceId, String name) {
    Template source = TenantTemplates.find(em, caller, sourceId);
    int version =
        source.getCurrentVersion() == null ? source.getLatestVersion() : source.getCurrentVersion();
    ObjectNode copy =
        TemplateDocument.stored(TenantTemplates.version(em, source, version).getDocument())
            .json()
            .deepCopy();
    copy.remove("key");
    if (name != null) {
      copy.put("name", name.strip());
    }
    return createFrom(
        caller,
        TemplateDocument.parse(copy, false),
        "template.copied",
        "from=" + sourceId + " version=" + version);
  }

  private TemplateView createFrom(
      Caller caller, TemplateDocument document, String action, String details) {
    tenants.ensure(caller.tenantId());
    requireFreeName(caller.tenantId(), document.name(), null);
    Instant now = now();
    Template template =
        new Template(
            UUID.randomUUID(),
            caller.tenantId(),
            null,
            document.name(),
            document.format(),
            caller.subject(),
            now);
    em.persist(template);
    em.persist(
        new TemplateVersion(
            template.getId(), template.nextVersion(now), document.toJson(), caller.subject(), now));
    flushNameUnique(document.name());
    audit(caller, action, template, details);
    return TemplateView.from(template);
  }

  /**
   * Makes {@code body} the template's open draft: a new version, or the open draft replaced.
   *
   * @throws ProblemException {@code invalid_template} or {@code invalid_request} (an unknown
   *     member), checked first; then {@code template_not_found}, {@code template_read_only}, {@code
   *     template_archived}, {@code template_name_taken}
   */
  public TemplateVersionView edit(Caller caller, UUID id, JsonNode body) {
    TemplateDocument document = TemplateDocument.parse(body, false); // a bad body: 4xx first
    Template template = TenantTemplates.writable(em, caller, id);
    requireFreeName(caller.tenantId(), document.name(), id);
    Instant now = now();
    TemplateVersion latest = TenantTemplates.version(em, template, template.getLatestVersion());
    TemplateVersion draft;
    if (latest.isDraft()) {
      latest.replaceDraft(document.toJson(), caller.subject(), now);
      draft = latest;
    } else {
      draft =
          new TemplateVersion(
              id, template.nextVersion(now), document.toJson(), caller.subject(), now);
      em.persist(draft);
    }
    if (template.getCurrentVersion() == null) {
      template.describe(document.name(), document.format(), now); // nothing published to show
    } else {
      template.describe(template.getName(), template.getFormat(), now);
    }
    flushNameUnique(document.name());
    audit(caller, "template.edited", template, "draft=" + draft.getVersion());
    return TemplateVersionView.from(draft);
  }

  /**
   * Publishes draft {@code version}: it becomes the current version, the previous one superseded.
   *
   * @throws ProblemException {@code template_version_not_found}, {@code template_version_not_draft}
   *     (published versions never change), and those of {@link #edit}
   */
  public TemplateView publish(Caller caller, UUID id, int version) {
    Template template = TenantTemplates.writable(em, caller, id);
    TemplateVersion target = TenantTemplates.version(em, template, version);
    if (!target.isDraft()) {
      throw new ProblemException(
          ProblemType.TEMPLATE_VERSION_NOT_DRAFT,
          "version " + version + " is " + target.getState() + "; only a draft is published");
    }
    Instant now = now();
    if (template.getCurrentVersion() != null) {
      TenantTemplates.version(em, template, template.getCurrentVersion()).supersede();
    }
    target.publish(caller.subject(), now);
    TemplateDocument document = TemplateDocument.stored(target.getDocument());
    requireFreeName(caller.tenantId(), document.name(), id);
    template.publish(version, document.name(), document.format(), now);
    TemplateRevisions.bump(em, caller.tenantId());
    flushNameUnique(document.name());
    audit(caller, "template.published", template, "version=" + version);
    return TemplateView.from(template);
  }

  /**
   * Draft {@code version} of the caller's template {@code id} and the current version, for a
   * back-test.
   *
   * @throws ProblemException {@code template_not_found}, {@code template_read_only}, {@code
   *     template_archived}, {@code template_version_not_found}, {@code template_version_not_draft}
   */
  public DraftUnderTest draftUnderTest(Caller caller, UUID id, int version) {
    Template template = TenantTemplates.writable(em, caller, id);
    TemplateVersion draft = TenantTemplates.version(em, template, version);
    if (!draft.isDraft()) {
      throw new ProblemException(
          ProblemType.TEMPLATE_VERSION_NOT_DRAFT,
          "version " + version + " is " + draft.getState() + "; only a draft is back-tested");
    }
    Integer current = template.getCurrentVersion();
    return new DraftUnderTest(
        id,
        version,
        draft.getDocument(),
        current,
        current == null ? null : TenantTemplates.version(em, template, current).getDocument());
  }

  /** Takes the template out of the list and of new uploads; jobs that pinned it keep it. */
  public TemplateView archive(Caller caller, UUID id) {
    Template template = TenantTemplates.writable(em, caller, id);
    template.archive(now());
    TemplateRevisions.bump(em, caller.tenantId());
    audit(caller, "template.archived", template, "name=" + template.getName());
    return TemplateView.from(template);
  }

  public TemplateView get(Caller caller, UUID id) {
    return TemplateView.from(TenantTemplates.find(em, caller, id));
  }

  public TemplatePage list(Caller caller, TemplateQuery query) {
    if (query.after() != null && !query.after().isFor(caller.tenantId())) {
      throw Cursor.invalid();
    }
    StringBuilder jpql =
        new StringBuilder(
            "select t from Template t where (t.tenantId = :tenantId or t.tenantId is null)"
                + " and t.state in :states");
    if (!query.formats().isEmpty()) {
      jpql.append(" and t.format in :formats");
    }
    if (query.after() != null) {
      jpql.append(" and (t.createdAt > :afterAt or (t.createdAt = :afterAt and t.id > :afterId))");
    }
    jpql.append(" order by t.createdAt, t.id");
    TypedQuery<Template> q =
        em.createQuery(jpql.toString(), Template.class)
            .setParameter("tenantId", caller.tenantId())
            .setParameter("states", query.states())
            .setMaxResults(query.limit() + 1);
    if (!query.formats().isEmpty()) {
      q.setParameter("formats", query.formats());
    }
    if (query.after() != null) {
      q.setParameter("afterAt", query.after().createdAt());
      q.setParameter("afterId", query.after().id());
    }
    List<Template> found = q.getResultList();
    boolean more = found.size() > query.limit();
    List<Template> page = more ? found.subList(0, query.limit()) : found;
    String next = null;
    if (more) {
      Template last = page.get(page.size() - 1);
      next = Cursor.of(last.getCreatedAt(), last.getId(), caller.tenantId()).encode();
    }
    return new TemplatePage(page.stream().map(TemplateView::from).toList(), next);
  }

  public TemplateVersionList versions(Caller caller, UUID id) {
    Template template = TenantTemplates.find(em, caller, id);
    return new TemplateVersionList(
        em.createQuery(
                "select v from TemplateVersion v where v.templateId = :id order by v.version",
                TemplateVersion.class)
            .setParameter("id", template.getId())
            .getResultStream()
            .map(TemplateVersionList.Summary::from)
            .toList());
  }

  public TemplateVersionView version(Caller caller, UUID id, int version) {
    return TemplateVersionView.from(
        TenantTemplates.version(em, TenantTemplates.find(em, caller, id), version));
  }

  /** What changed from version {@code from} to version {@code to}, field by field. */
  public TemplateDiff diff(Caller caller, UUID id, int from, int to) {
    Template template = TenantTemplates.find(em, caller, id);
    TemplateVersion before = TenantTemplates.version(em, template, from);
    TemplateVersion after = TenantTemplates.version(em, template, to);
    return TemplateDiff.between(
        from,
        TemplateDocument.stored(before.getDocument()).json(),
        to,
        TemplateDocument.stored(after.getDocument()).json());
  }

  /**
   * The version a new job of the caller pins: {@code version} if given, else the template's current
   * one; it must be published (current or superseded) and the template active.
   *
   * @throws ProblemException 422 {@code template_not_found} or {@code template_version_not_found}
   */
  public int pinnable(Caller caller, String templateId, Integer version) {
    UUID id;
    try {
      id = UUID.fromString(templateId);
    } catch (IllegalArgumentException e) {
      throw uploadNotFound(templateId);
    }
    Template template =
        TenantTemplates.visible(em, caller, id)
            .filter(t -> !t.isArchived())
            .orElseThrow(() -> uploadNotFound(templateId));
    int pinned;
    if (version == null) {
      if (template.getCurrentVersion() == null) {
        throw new ProblemException(
            ProblemType.UPLOAD_TEMPLATE_VERSION_NOT_FOUND,
            "template " + templateId + " has no published version yet",
            java.util.Map.of("templateId", templateId));
      }
      pinned = template.getCurrentVersion();
    } else {
      TemplateVersion found = em.find(TemplateVersion.class, new TemplateVersion.Key(id, version));
      if (found == null || found.getState() == VersionState.DRAFT) {
        throw new ProblemException(
            ProblemType.UPLOAD_TEMPLATE_VERSION_NOT_FOUND,
            "template " + templateId + " has no published version " + version,
            java.util.Map.of("templateId", templateId, "templateVersion", version));
      }
      pinned = version;
    }
    return pinned;
  }

  private static ProblemException uploadNotFound(String templateId) {
    return new ProblemException(
        ProblemType.UPLOAD_TEMPLATE_NOT_FOUND,
        "no template " + templateId + " for this tenant (nor a system template of that id)",
        java.util.Map.of("templateId", templateId));
  }

  private void requireFreeName(String tenantId, String name, UUID except) {
    TypedQuery<Long> count =
        em.createQuery(
                "select count(t) from Template t where t.tenantId = :tenantId and lower(t.name) ="
                    + " lower(:name) and t.state = :active"
                    + (except == null ? "" : " and t.id <> :except"),
                Long.class)
            .setParameter("tenantId", tenantId)
            .setParameter("name", name)
            .setParameter("active", TemplateState.ACTIVE);
    if (except != null) {
      count.setParameter("except", except);
    }
    Long taken = count.getSingleResult();
    if (taken > 0) {
      throw nameTaken(name);
    }
  }

  /** A concurrent create of the same name loses here, on the unique index. */
  private void flushNameUnique(String name) {
    try {
      em.flush();
    } catch (PersistenceException e) {
      throw nameTaken(name);
    }
  }

  private static ProblemException nameTaken(String name) {
    return new ProblemException(
        ProblemType.TEMPLATE_NAME_TAKEN,
        "the tenant already has a template named '" + name + "'",
        java.util.Map.of("member", "name"));
  }

  private void audit(Caller caller, String action, Template template, String details) {
    audit.record(
        caller.tenantId(),
        caller.subject(),
        action,
        "template",
        template.getId().toString(),
        details);
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
