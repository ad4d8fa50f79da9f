package io.fileparser.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.broker.RedisConnection;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
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
 * The published templates where the workers read them: in Redis (docs/template-format.md, "What a
 * worker receives"). Each published version's document is under {@code
 * fileparser:template-doc:<templateId>:<version>}, and a task names the list of versions it needs
 * by one key, {@code fileparser:template-set:<sha256>}, whose value is that list: each entry's id,
 * version, system flag and document key. Both are immutable (a published version never changes; a
 * list's key is the hash of its content), so a worker reads and compiles each once, and a message
 * costs the same whatever the number of a tenant's templates. The lists are kept in PostgreSQL
 * ({@code template_sets}) so that the relay can store them again: before it pushes messages it
 * makes sure the lists they name are there ({@link #ensure}), since Redis may have restarted empty.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class TemplateDocuments {

  static final String PREFIX = "fileparser:template-doc:";
  static final String SET_PREFIX = "fileparser:template-set:";

  /**
   * A list expires this long after the last push that named it. Documents do not expire: lists
   * share them, and they are few (one per published version).
   */
  static final Duration SET_TTL = Duration.ofDays(30);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = Logger.getLogger(TemplateDocuments.class.getName());

  @PersistenceContext EntityManager em;
  @Inject RedisConnection redis;
  @Inject KnownTemplateSets known;
  @Inject Event<TemplateSetKept> kept;

  /**
   * An instance wired by hand, outside the container (the dispatch component tests): it announces
   * no list kept, so it asks PostgreSQL every time.
   */
  public static TemplateDocuments over(EntityManager em, RedisConnection redis) {
    TemplateDocuments documents = new TemplateDocuments();
    documents.em = em;
    documents.redis = redis;
    documents.known = new KnownTemplateSets();
    return documents;
  }

  /** The key of a published version's document. */
  public static String key(String templateId, int version) {
    return PREFIX + templateId + ":" + version;
  }

  /**
   * The key of a list of published versions ({@code id}, {@code version}, {@code system} each, as
   * {@link WorkerTemplates#forJob} gives them), kept in the database if it is new. The entries
   * stored name each document by its key. A list this instance saw kept costs no statement.
   */
  public String nameSet(List<Map<String, Object>> published) {
    List<Map<String, Object>> entries = new ArrayList<>(published.size());
    for (Map<String, Object> version : published) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", version.get("id"));
      entry.put("version", version.get("version"));
      entry.put("system", version.get("system"));
      entry.put("documentKey", key((String) version.get("id"), (Integer) version.get("version")));
      entries.add(entry);
    }
    String json;
    try {
      json = JSON.writeValueAsString(entries);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("template entries are not JSON-serializable", e);
    }
    String setKey = SET_PREFIX + sha256(json);
    if (known.contains(setKey)) {
      return setKey;
    }
    // A list already kept is found by the conflict check and not written again. The statement
    // touches no table an entity maps: nothing needs flushing before it.
    em.createNativeQuery(
            "insert into template_sets (set_key, entries, created_at) values (?1, ?2, now())"
                + " on conflict (set_key) do nothing")
        .setFlushMode(FlushModeType.COMMIT)
        .setHint("org.hibernate.query.native.spaces", List.of("template_sets"))
        .setParameter(1, setKey)
        .setParameter(2, json)
        .executeUpdate();
    if (kept != null) {
      kept.fire(new TemplateSetKept(setKey)); // known once this transaction commits
    }
    return setKey;
  }

  /**
   * Makes sure every list these keys name is in Redis, with the documents it names: one round trip
   * refreshes the expiry of the lists there (and tells which are not); for a list that is not, the
   * list and its documents are stored from the database in a second. A list Redis still holds is
   * taken to hold its documents (they do not expire; should one be lost alone, the worker that
   * misses it removes the list, and the next push stores both again).
   */
  public void ensure(Collection<String> setKeys) {
    if (setKeys.isEmpty()) {
      return;
    }
    List<String> distinct = List.copyOf(new LinkedHashSet<>(setKeys));
    List<Response<Long>> refreshed = new ArrayList<>(distinct.size());
    try (AbstractPipeline pipeline = redis.pool().pipelined()) {
      for (String key : distinct) {
        refreshed.add(pipeline.expire(key, SET_TTL.toSeconds()));
      }
      pipeline.sync();
    }
    Map<String, String> sets = new LinkedHashMap<>();
    Map<String, String> documents = new LinkedHashMap<>();
    for (int i = 0; i < distinct.size(); i++) {
      if (refreshed.get(i).get() != 0) {
        continue;
      }
      String setKey = distinct.get(i);
      Optional<String> entries = entries(setKey);
      if (entries.isEmpty()) {
        LOG.warning(() -> "no template list " + setKey + " in the database");
        continue;
      }
      sets.put(setKey, entries.get());
      for (String documentKey : documentKeys(setKey, entries.get())) {
        if (!documents.containsKey(documentKey)) {
          document(documentKey)
              .ifPresentOrElse(
                  document -> documents.put(documentKey, document),
                  () -> LOG.warning(() -> "no published template version for " + documentKey));
        }
      }
    }
    if (sets.isEmpty()) {
      return;
    }
    try (AbstractPipeline pipeline = redis.pool().pipelined()) {
      // Documents first: a worker that finds the list finds what it names.
      documents.forEach(pipeline::set);
      sets.forEach((key, entries) -> pipeline.setex(key, SET_TTL.toSeconds(), entries));
      pipeline.sync();
    }
  }

  private Optional<String> entries(String setKey) {
    return em.createNativeQuery(
            "select entries from template_sets where set_key = ?1", String.class)
        .setParameter(1, setKey)
        .getResultStream()
        .findFirst()
        .map(String.class::cast);
  }

  private static List<String> documentKeys(String setKey, String entries) {
    List<String> keys = new ArrayList<>();
    try {
      for (JsonNode entry : JSON.readTree(entries)) {
        keys.add(entry.path("documentKey").asText());
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored template list " + setKey + " is not JSON", e);
    }
    return keys;
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

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
