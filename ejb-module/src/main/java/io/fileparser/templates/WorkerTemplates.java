package io.fileparser.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code templates} the workers receive with a job (docs/template-format.md): the tenant's
 * current published versions and the system templates, with the job's pinned version in place of
 * its template's current one. The list of a tenant is cached per instance and reused while the
 * tenant's and the system revisions are unchanged, so a dispatch costs one primary-key read of two
 * rows (plus one row when the job pins a version that is not the current one).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class WorkerTemplates {

  private static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext EntityManager em;
  @Inject WorkerTemplateCache cache;

  /** An instance wired by hand, outside the container (the dispatch component tests). */
  public static WorkerTemplates over(EntityManager em) {
    WorkerTemplates templates = new WorkerTemplates();
    templates.em = em;
    templates.cache = new WorkerTemplateCache();
    return templates;
  }

  /**
   * @param templateId the job's template (a UUID as text) or null
   * @param pinnedVersion its pinned version, or null
   */
  public List<Map<String, Object>> forJob(
      String tenantId, String templateId, Integer pinnedVersion) {
    long[] revisions = TemplateRevisions.of(em, tenantId);
    List<Map<String, Object>> published =
        cache.get(tenantId, revisions[0], revisions[1], () -> load(tenantId));
    if (templateId == null || pinnedVersion == null) {
      return published;
    }
    List<Map<String, Object>> entries = new ArrayList<>(published.size() + 1);
    boolean current = false;
    for (Map<String, Object> entry : published) {
      if (templateId.equals(entry.get("id"))) {
        if (pinnedVersion.equals(entry.get("version"))) {
          current = true;
          entries.add(entry);
        }
      } else {
        entries.add(entry);
      }
    }
    if (!current) {
      pinned(UUID.fromString(templateId), pinnedVersion).ifPresent(entries::add);
    }
    return List.copyOf(entries);
  }

  private java.util.Optional<Map<String, Object>> pinned(UUID templateId, int version) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select t.id, v.version, t.tenant_id is null, cast(v.document as text)"
                    + " from templates t join template_versions v on v.template_id = t.id"
                    + " where t.id = ?1 and v.version = ?2")
            .setParameter(1, templateId)
            .setParameter(2, version)
            .getResultList();
    return rows.stream().findFirst().map(WorkerTemplates::entry);
  }

  private List<Map<String, Object>> load(String tenantId) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select t.id, v.version, t.tenant_id is null, cast(v.document as text)"
                    + " from templates t join template_versions v"
                    + " on v.template_id = t.id and v.version = t.current_version"
                    + " where (t.tenant_id = ?1 or t.tenant_id is null) and t.state = 'ACTIVE'"
                    + " order by t.tenant_id nulls first, t.created_at, t.id")
            .setParameter(1, tenantId)
            .getResultList();
    return rows.stream().map(WorkerTemplates::entry).toList();
  }

  private static Map<String, Object> entry(Object[] row) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", row[0].toString());
    entry.put("version", ((Number) row[1]).intValue());
    entry.put("system", (Boolean) row[2]);
    try {
      JsonNode document = JSON.readTree((String) row[3]);
      entry.put("document", document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored template " + row[0] + " is not JSON", e);
    }
    return java.util.Collections.unmodifiableMap(entry);
  }
}
