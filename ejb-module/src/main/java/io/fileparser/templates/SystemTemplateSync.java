package io.fileparser.templates;

import io.fileparser.templates.entity.Template;
import io.fileparser.templates.entity.TemplateVersion;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Upserts the built-in documents as system templates by key, in one transaction under a database
 * advisory lock, so instances starting together do it one after the other (the later ones find
 * nothing to change). A document that differs from the key's current version becomes a new
 * published version; the previous one is superseded, kept for the jobs that pinned it.
 */
@Stateless
public class SystemTemplateSync {

  static final String ACTOR = "system:templates";

  /** The advisory lock's key (arbitrary, fixed): "tmpl" in ASCII. */
  private static final long LOCK = 0x746d706cL;

  @PersistenceContext EntityManager em;

  /**
   * @return how many templates were created or got a new version
   */
  public int upsert(List<TemplateDocument> documents) {
    em.createNativeQuery("select pg_advisory_xact_lock(?1)")
        .setParameter(1, LOCK)
        .getSingleResult();
    Instant now = TemplateCatalog.now();
    int changed = 0;
    for (TemplateDocument document : documents) {
      Template template =
          em.createQuery(
                  "select t from Template t where t.tenantId is null and t.key = :key",
                  Template.class)
              .setParameter("key", document.key())
              .getResultStream()
              .findFirst()
              .orElse(null);
      if (template == null) {
        template =
            new Template(
                UUID.randomUUID(),
                null,
                document.key(),
                document.name(),
                document.format(),
                ACTOR,
                now);
        em.persist(template);
      } else {
        TemplateVersion current =
            TenantTemplates.version(em, template, template.getCurrentVersion());
        if (TemplateDocument.stored(current.getDocument()).json().equals(document.json())) {
          continue;
        }
        current.supersede();
      }
      int version = template.nextVersion(now);
      TemplateVersion published =
          new TemplateVersion(template.getId(), version, document.toJson(), ACTOR, now);
      published.publish(ACTOR, now);
      em.persist(published);
      template.publish(version, document.name(), document.format(), now);
      changed++;
    }
    if (changed > 0) {
      TemplateRevisions.bump(em, TemplateRevisions.SYSTEM);
    }
    return changed;
  }
}
