package io.fileparser.templates;

import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.audit.AuditLog;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.TenantRegistry;
import io.fileparser.templates.BundleImportReport.Item;
import io.fileparser.templates.BundleImportReport.Outcome;
import io.fileparser.templates.entity.Template;
import io.fileparser.templates.entity.TemplateState;
import io.fileparser.templates.entity.TemplateVersion;
import io.fileparser.templates.entity.VersionState;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Exports templates with every version as a {@link TemplateBundle} and imports one into the
 * caller's tenant. An import matches a bundle's template to the tenant's active template of the
 * same name (case-insensitive): none makes a new template with the bundle's versions (numbers,
 * states, documents, authors and times kept); the same versions change nothing; more versions on
 * the bundle's side are added; any other difference is a conflict reported for that template, and
 * nothing of it is overwritten. So importing a bundle twice changes nothing the second time. A dry
 * run answers the same report and writes nothing. Every created or updated template is audited
 * ({@code template.imported}) and the tenant's worker revision bumped when a publication changed.
 */
@Stateless
public class TemplateBundles {

  @PersistenceContext EntityManager em;
  @Inject TenantRegistry tenants;
  @Inject AuditLog audit;

  @Inject
  @ConfigProperty(name = "fileparser.templates.bundle-max-bytes", defaultValue = "16777216")
  long maxBytes;

  /** One template (a system one as a reference) with its versions. */
  public TemplateBundle export(Caller caller, UUID id) {
    return export(caller, List.of(id));
  }

  /**
   * The chosen templates, or every active template of the tenant when {@code ids} is empty; system
   * templates among the chosen are references.
   *
   * @throws ProblemException {@code template_not_found} for an id the caller cannot see
   */
  public TemplateBundle export(Caller caller, List<UUID> ids) {
    List<Template> chosen;
    if (ids.isEmpty()) {
      chosen =
          em.createQuery(
                  "select t from Template t where t.tenantId = :tenant and t.state = :active"
                      + " order by t.createdAt, t.id",
                  Template.class)
              .setParameter("tenant", caller.tenantId())
              .setParameter("active", TemplateState.ACTIVE)
              .getResultList();
    } else {
      chosen = new ArrayList<>();
      for (UUID id : new LinkedHashSet<>(ids)) {
        chosen.add(TenantTemplates.find(em, caller, id));
      }
    }
    if (chosen.size() > TemplateBundle.MAX_TEMPLATES) {
      throw TemplateBundle.tooLarge(
          "the tenant has "
              + chosen.size()
              + " templates; a bundle holds at most "
              + TemplateBundle.MAX_TEMPLATES
              + ": choose them with ?id=");
    }
    List<TemplateBundle.Entry> entries = new ArrayList<>();
    List<TemplateBundle.SystemReference> references = new ArrayList<>();
    for (Template t : chosen) {
      if (t.isSystem()) {
        references.add(
            new TemplateBundle.SystemReference(
                t.getId(), t.getKey(), t.getName(), t.getCurrentVersion()));
      } else {
        entries.add(
            new TemplateBundle.Entry(
                t.getId(),
                t.getName(),
                t.getFormat(),
                t.getState().name(),
                t.getCurrentVersion(),
                versions(t.getId()).stream().map(TemplateBundles::version).toList()));
      }
    }
    return new TemplateBundle(
        TemplateBundle.FORMAT_VERSION, TemplateCatalog.now(), entries, references);
  }

  /** The largest bundle body an import reads ({@code fileparser.templates.bundle-max-bytes}). */
  public long maxBundleBytes() {
    return maxBytes;
  }

  /**
   * Imports a bundle (a JSON tree of at most {@link #maxBundleBytes} bytes).
   *
   * @throws ProblemException those of {@link TemplateBundle#parse}
   */
  public BundleImportReport importBundle(Caller caller, JsonNode body, boolean dryRun) {
    TemplateBundle bundle = TemplateBundle.parse(body);
    tenants.ensure(caller.tenantId());
    List<Item> items = new ArrayList<>();
    boolean published = false;
    for (TemplateBundle.Entry entry : bundle.templates()) {
      Item item = importOne(caller, entry, dryRun);
      published |= !dryRun && item.versionsAdded() > 0;
      items.add(item);
    }
    List<Item> references = new ArrayList<>();
    for (TemplateBundle.SystemReference ref : bundle.systemTemplates()) {
      boolean present =
          !em.createQuery(
                  "select t.id from Template t where t.tenantId is null and t.key = :key",
                  UUID.class)
              .setParameter("key", ref.key())
              .getResultList()
              .isEmpty();
      references.add(
          new Item(
              ref.name() == null ? ref.key() : ref.name(),
              ref.id(),
              Outcome.SKIPPED,
              null,
              0,
              null,
              null,
              "system template '"
                  + ref.key()
                  + "' is "
                  + (present ? "present" : "not present")
                  + " on this installation; system templates are never imported"));
    }
    if (published) {
      TemplateRevisions.bump(em, caller.tenantId());
    }
    return BundleImportReport.of(dryRun, items, references);
  }

  private Item importOne(Caller caller, TemplateBundle.Entry entry, boolean dryRun) {
    if ("ARCHIVED".equals(entry.state())) {
      return new Item(
          entry.name(),
          entry.id(),
          Outcome.SKIPPED,
          null,
          0,
          null,
          null,
          "archived templates are not imported");
    }
    Optional<Template> existing = activeNamed(caller.tenantId(), entry.name());
    if (existing.isEmpty()) {
      UUID created = dryRun ? null : create(caller, entry);
      return new Item(
          entry.name(),
          entry.id(),
          Outcome.CREATED,
          created,
          entry.versions().size(),
          null,
          null,
          "a new template with " + entry.versions().size() + " version(s)");
    }
    Template template = existing.get();
    List<TemplateVersion> local = versions(template.getId());
    BundleHistory.Comparison comparison =
        BundleHistory.compare(
            local.stream().map(v -> new BundleHistory.Side(v.getState(), v.getDocument())).toList(),
            entry.versions().stream()
                .map(v -> new BundleHistory.Side(v.versionState(), v.document()))
                .toList());
    return switch (comparison.verdict()) {
      case SAME ->
          new Item(
              entry.name(),
              entry.id(),
              Outcome.UNCHANGED,
              template.getId(),
              0,
              null,
              null,
              "the tenant's template has the same " + local.size() + " version(s)");
      case BUNDLE_AHEAD -> {
        int added = entry.versions().size() - local.size();
        if (!dryRun) {
          append(
              caller,
              template.getId(),
              entry.versions().subList(local.size(), entry.versions().size()));
        }
        yield new Item(
            entry.name(),
            entry.id(),
            Outcome.UPDATED,
            template.getId(),
            added,
            null,
            null,
            "versions " + (local.size() + 1) + " to " + entry.versions().size() + " added");
      }
      default ->
          new Item(
              entry.name(),
              entry.id(),
              Outcome.CONFLICT,
              template.getId(),
              0,
              comparison.verdict().name(),
              comparison.differsAt(),
              conflictDetail(comparison, local.size(), entry.versions().size()));
    };
  }

  private static String conflictDetail(
      BundleHistory.Comparison comparison, int localVersions, int bundleVersions) {
    return switch (comparison.verdict()) {
      case NAME_TAKEN ->
          "the tenant has another template of this name (version 1 differs); rename one of them";
      case HISTORY_DIVERGED ->
          "version "
              + comparison.differsAt()
              + " differs: the template changed on both sides; nothing was overwritten";
      case LOCAL_AHEAD ->
          "the tenant's template has "
              + localVersions
              + " versions, the bundle "
              + bundleVersions
              + ": the tenant's is newer";
      default -> comparison.verdict().name();
    };
  }

  private UUID create(Caller caller, TemplateBundle.Entry entry) {
    Instant now = TemplateCatalog.now();
    TemplateDocument first = TemplateDocument.stored(entry.versions().get(0).document());
    Template template =
        new Template(
            UUID.randomUUID(),
            caller.tenantId(),
            null,
            entry.name(),
            first.format(),
            caller.subject(),
            now);
    em.persist(template);
    appendVersions(caller, template, entry.versions(), now);
    flushNameUnique(entry.name());
    audit(caller, template, "versions=" + entry.versions().size() + " from=" + entry.id());
    return template.getId();
  }

  private void append(Caller caller, UUID id, List<TemplateBundle.Version> versions) {
    Template template = TenantTemplates.writable(em, caller, id);
    appendVersions(caller, template, versions, TemplateCatalog.now());
    flushNameUnique(template.getName());
    audit(
        caller,
        template,
        "versions="
            + versions.get(0).version()
            + ".."
            + versions.get(versions.size() - 1).version());
  }

  /**
   * Adds the versions in order as this API would have made them: each published one supersedes the
   * current one, so the states end as the bundle's.
   */
  private void appendVersions(
      Caller caller, Template template, List<TemplateBundle.Version> versions, Instant now) {
    for (TemplateBundle.Version v : versions) {
      int number = template.nextVersion(now);
      TemplateVersion created =
          new TemplateVersion(
              template.getId(),
              number,
              v.document(),
              v.createdBy() == null ? caller.subject() : v.createdBy(),
              v.createdAt() == null ? now : v.createdAt());
      if (v.versionState() != VersionState.DRAFT) {
        if (template.getCurrentVersion() != null) {
          TenantTemplates.version(em, template, template.getCurrentVersion()).supersede();
        }
        created.publish(
            v.publishedBy() == null ? caller.subject() : v.publishedBy(), v.publishedAt());
        TemplateDocument document = TemplateDocument.stored(v.document());
        template.publish(number, template.getName(), document.format(), now);
      } else if (template.getCurrentVersion() == null) {
        template.describe(template.getName(), TemplateDocument.stored(v.document()).format(), now);
      }
      // Persisted in its final state: Hibernate inserts the state an entity has when persisted, and
      // two versions inserted as drafts would break the one-open-draft index.
      em.persist(created);
    }
  }

  private Optional<Template> activeNamed(String tenantId, String name) {
    return em.createQuery(
            "select t from Template t where t.tenantId = :tenant and lower(t.name) = lower(:name)"
                + " and t.state = :active",
            Template.class)
        .setParameter("tenant", tenantId)
        .setParameter("name", name)
        .setParameter("active", TemplateState.ACTIVE)
        .getResultStream()
        .findFirst();
  }

  private List<TemplateVersion> versions(UUID templateId) {
    return em.createQuery(
            "select v from TemplateVersion v where v.templateId = :id order by v.version",
            TemplateVersion.class)
        .setParameter("id", templateId)
        .getResultList();
  }

  private static TemplateBundle.Version version(TemplateVersion v) {
    return new TemplateBundle.Version(
        v.getVersion(),
        v.getState().name(),
        v.getDocument(),
        v.getCreatedBy(),
        v.getCreatedAt(),
        v.getPublishedBy(),
        v.getPublishedAt());
  }

  private void flushNameUnique(String name) {
    try {
      em.flush();
    } catch (PersistenceException e) {
      throw new ProblemException(
          ProblemType.TEMPLATE_NAME_TAKEN,
          "the tenant already has a template named '" + name + "'",
          Map.of("member", "name"));
    }
  }

  private void audit(Caller caller, Template template, String details) {
    audit.record(
        caller.tenantId(),
        caller.subject(),
        "template.imported",
        "template",
        template.getId().toString(),
        details);
  }
}
