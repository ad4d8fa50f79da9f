package io.fileparser.templates;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.templates.entity.Template;
import io.fileparser.templates.entity.TemplateVersion;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.util.Optional;
import java.util.UUID;

/**
 * The one way to reach a template on a caller's behalf: its tenant's and the system ones are
 * visible; another tenant's answers exactly like one that does not exist. Changes go through {@link
 * #writable}, which refuses system templates ({@code template_read_only}).
 */
final class TenantTemplates {

  private TenantTemplates() {}

  static Optional<Template> visible(EntityManager em, Caller caller, UUID id) {
    return Optional.ofNullable(em.find(Template.class, id))
        .filter(t -> t.isSystem() || t.getTenantId().equals(caller.tenantId()));
  }

  static Template find(EntityManager em, Caller caller, UUID id) {
    return visible(em, caller, id).orElseThrow(() -> notFound(id));
  }

  /** The caller's template, its row locked for this transaction, not archived. */
  static Template writable(EntityManager em, Caller caller, UUID id) {
    Template template = find(em, caller, id);
    if (template.isSystem()) {
      throw new ProblemException(
          ProblemType.TEMPLATE_READ_ONLY,
          "template " + id + " is a system template; copy it to change it");
    }
    em.lock(template, LockModeType.PESSIMISTIC_WRITE);
    em.refresh(template);
    if (template.isArchived()) {
      throw new ProblemException(ProblemType.TEMPLATE_ARCHIVED, "template " + id + " is archived");
    }
    return template;
  }

  static TemplateVersion version(EntityManager em, Template template, int version) {
    TemplateVersion found =
        em.find(TemplateVersion.class, new TemplateVersion.Key(template.getId(), version));
    if (found == null) {
      throw new ProblemException(
          ProblemType.TEMPLATE_VERSION_NOT_FOUND,
          "template " + template.getId() + " has no version " + version);
    }
    return found;
  }

  static ProblemException notFound(UUID id) {
    return new ProblemException(ProblemType.TEMPLATE_NOT_FOUND, "no template " + id);
  }
}
