package io.fileparser.templates;

import io.fileparser.broker.RedisConnection;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;

/**
 * The documents of published template versions where the workers read them: in Redis, under {@code
 * fileparser:template-doc:<templateId>:<version>}. A task message names the versions it needs by
 * these keys instead of carrying the documents (docs/template-format.md, "What a worker receives");
 * a published version never changes, so a worker compiles each one once and keeps it. Before the
 * relay pushes messages it makes sure their keys are there ({@link #ensure}): Redis may have
 * restarted empty or evicted them since.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class TemplateDocuments {

  static final String PREFIX = "fileparser:template-doc:";

  /** Refreshed at every push that names the key, so only versions no job asks for expire. */
  static final Duration TTL = Duration.ofDays(30);

  private static final Logger LOG = Logger.getLogger(TemplateDocuments.class.getName());

  @PersistenceContext EntityManager em;
  @Inject RedisConnection redis;

  /** An instance wired by hand, outside the container (the dispatch component tests). */
  public static TemplateDocuments over(EntityManager em, RedisConnection redis) {
    TemplateDocuments documents = new TemplateDocuments();
    documents.em = em;
    documents.redis = redis;
    return documents;
  }

  /** The key of a published version's document. */
  public static String key(String templateId, int version) {
    return PREFIX + templateId + ":" + version;
  }

  /**
   * Makes sure every key holds its document for at least {@link #TTL}: one round trip refreshes the
   * expiry of those there (and tells which are not), a second stores the missing ones, read from
   * the database. A key whose version is not in the database (it cannot be: versions are never
   * deleted) is left out and logged; the worker then fails the attempt as retryable.
   */
  public void ensure(Collection<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    List<String> distinct = List.copyOf(new LinkedHashSet<>(keys));
    List<Response<Long>> refreshed = new ArrayList<>(distinct.size());
    try (AbstractPipeline pipeline = redis.pool().pipelined()) {
      for (String key : distinct) {
        refreshed.add(pipeline.expire(key, TTL.toSeconds()));
      }
      pipeline.sync();
    }
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < distinct.size(); i++) {
      if (refreshed.get(i).get() == 0) {
        missing.add(distinct.get(i));
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    Map<String, String> found = new LinkedHashMap<>();
    for (String key : missing) {
      document(key)
          .ifPresentOrElse(
              document -> found.put(key, document),
              () -> LOG.warning(() -> "no published template version for " + key));
    }
    try (AbstractPipeline pipeline = redis.pool().pipelined()) {
      found.forEach((key, document) -> pipeline.setex(key, TTL.toSeconds(), document));
      pipeline.sync();
    }
  }

  private Optional<String> document(String key) {
    if (!key.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = key.substring(PREFIX.length()).split(":");
    UUID templateId;
    int version;
    try {
      templateId = UUID.fromString(parts[0]);
      version = Integer.parseInt(parts[1]);
    } catch (RuntimeException e) {
      return Optional.empty(); // not a key this class made
    }
    return em.createNativeQuery(
            "select cast(document as text) from template_versions"
                + " where template_id = ?1 and version = ?2",
            String.class)
        .setParameter(1, templateId)
        .setParameter(2, version)
        .getResultStream()
        .findFirst()
        .map(String.class::cast);
  }
}
