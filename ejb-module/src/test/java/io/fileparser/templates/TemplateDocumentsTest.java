package io.fileparser.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.dispatch.CollectedEvents;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Naming a template list in PostgreSQL: written once, then known without a statement. */
@ComponentTest
class TemplateDocumentsTest {

  private final ComponentDatabase db;
  private final CollectedEvents<TemplateSetKept> kept = new CollectedEvents<>();
  private final KnownTemplateSets known = new KnownTemplateSets();
  private final List<Map<String, Object>> published =
      List.of(Map.of("id", UUID.randomUUID().toString(), "version", 3, "system", false));

  TemplateDocumentsTest(ComponentDatabase db) {
    this.db = db;
  }

  @Test
  void aListIsKeptOnceAndKnownWithoutAStatementAfterItsTransactionCommits() {
    String key = db.fromTransaction(em -> documents(em).nameSet(published));
    assertTrue(key.startsWith(TemplateDocuments.SET_PREFIX), key);
    assertEquals(1, rows(key));
    committed();

    remove(key);
    assertEquals(key, db.fromTransaction(em -> documents(em).nameSet(published)));

    assertEquals(0, rows(key), "known: no statement, so the row removed here stays removed");
    assertEquals(1, kept.fired().size(), "nothing announced for a list known");
  }

  @Test
  void aListWhoseTransactionRolledBackIsAskedForAgain() {
    String key = db.fromTransaction(em -> documents(em).nameSet(published));
    // rolled back: CDI tells no after-success observer
    remove(key);

    assertEquals(key, db.fromTransaction(em -> documents(em).nameSet(published)));

    assertEquals(1, rows(key), "not known: written again");
    assertEquals(2, kept.fired().size());
  }

  @Test
  void theSameListInOneTransactionIsOneRowAndItsKeyDependsOnItsContentOnly() {
    String first =
        db.fromTransaction(
            em -> {
              String key = documents(em).nameSet(published);
              assertEquals(key, documents(em).nameSet(List.copyOf(published)));
              return key;
            });
    assertEquals(1, rows(first));
    List<Map<String, Object>> other =
        List.of(Map.of("id", published.get(0).get("id"), "version", 4, "system", false));
    String second = db.fromTransaction(em -> documents(em).nameSet(other));
    assertNotEquals(first, second, "another version, another list");
  }

  private void remove(String key) {
    db.inTransaction(
        em ->
            em.createNativeQuery("delete from template_sets where set_key = ?1")
                .setParameter(1, key)
                .executeUpdate());
  }

  private TemplateDocuments documents(EntityManager em) {
    TemplateDocuments documents = TemplateDocuments.over(em, null);
    documents.known = known;
    documents.kept = kept;
    return documents;
  }

  private long rows(String key) {
    return db.fromTransaction(
        em ->
            ((Number)
                    em.createNativeQuery("select count(*) from template_sets where set_key = ?1")
                        .setParameter(1, key)
                        .getSingleResult())
                .longValue());
  }

  /** The transaction committed: what was announced reaches the after-success observer. */
  private void committed() {
    kept.fired().forEach(known::kept);
  }
}
