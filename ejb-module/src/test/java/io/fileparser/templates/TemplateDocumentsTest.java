package io.fileparser.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Naming a template list in PostgreSQL: written once, then known without a statement. */
@ComponentTest
class TemplateDocumentsTest {

  private final ComponentDatabase db;
  private final Transactions transactions = new Transactions();
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
    transactions.complete(Status.STATUS_COMMITTED);

    remove(key);
    assertEquals(key, db.fromTransaction(em -> documents(em).nameSet(published)));

    assertEquals(0, rows(key), "known: no statement, so the row removed here stays removed");
    assertTrue(transactions.registered.isEmpty(), "nothing to wait for");
  }

  @Test
  void aListWhoseTransactionRolledBackIsAskedForAgain() {
    String key = db.fromTransaction(em -> documents(em).nameSet(published));
    transactions.complete(Status.STATUS_ROLLEDBACK);
    remove(key);

    assertEquals(key, db.fromTransaction(em -> documents(em).nameSet(published)));

    assertEquals(1, rows(key), "not known: written again");
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
    documents.transactions = transactions;
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

  /** The synchronizations registered, completed when the test says how the transaction ended. */
  private static final class Transactions implements TransactionSynchronizationRegistry {

    final List<Synchronization> registered = new ArrayList<>();

    void complete(int status) {
      registered.forEach(sync -> sync.afterCompletion(status));
      registered.clear();
    }

    @Override
    public void registerInterposedSynchronization(Synchronization sync) {
      registered.add(sync);
    }

    @Override
    public Object getTransactionKey() {
      return null;
    }

    @Override
    public void putResource(Object key, Object value) {}

    @Override
    public Object getResource(Object key) {
      return null;
    }

    @Override
    public int getTransactionStatus() {
      return Status.STATUS_ACTIVE;
    }

    @Override
    public void setRollbackOnly() {}

    @Override
    public boolean getRollbackOnly() {
      return false;
    }
  }
}
