package io.fileparser.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.audit.AuditBeans;
import io.fileparser.jobs.TestJobs;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.security.SecurityBeans;
import jakarta.persistence.EntityManager;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Export and import on PostgreSQL: the versions travel, a second import changes nothing. */
@ComponentTest
class TemplateBundlesTest {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
          .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final ComponentDatabase db;

  TemplateBundlesTest(ComponentDatabase db) {
    this.db = db;
  }

  private static Caller admin(ComponentDatabase db) {
    String tenant = TestJobs.forNewTenant(db).tenantId();
    return new Caller(tenant, "admin@" + tenant, Set.of(Role.ADMIN), Caller.Method.JWT);
  }

  private <T> T in(Function<Beans, T> work) {
    return db.fromTransaction(em -> work.apply(new Beans(em)));
  }

  /** The catalog and the bundles wired by hand. */
  private static final class Beans {
    final TemplateCatalog catalog = new TemplateCatalog();
    final TemplateBundles bundles = new TemplateBundles();

    Beans(EntityManager em) {
      catalog.em = em;
      catalog.tenants = SecurityBeans.tenants(em);
      catalog.audit = AuditBeans.log(em);
      bundles.em = em;
      bundles.tenants = SecurityBeans.tenants(em);
      bundles.audit = AuditBeans.log(em);
      bundles.maxBytes = 1 << 20;
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode document(String header) throws Exception {
    return JSON.readTree(
        "{\"name\": \"Calls\", \"format\": \"CSV\", \"confidenceThreshold\": 0.8, \"source\":"
            + " {\"header\": true}, \"fields\": [{\"name\": \"caller\", \"type\": \"phone\","
            + " \"required\": true, \"locate\": {\"header\": \""
            + header
            + "\"}}]}");
  }

  /** The bundle as a client sends it back: its JSON text read again. */
  private static com.fasterxml.jackson.databind.JsonNode body(TemplateBundle bundle)
      throws Exception {
    return JSON.readTree(JSON.writeValueAsString(bundle));
  }

  @Test
  void anExportedHistoryImportsOnceAndTheSecondImportChangesNothing() throws Exception {
    Caller source = admin(db);
    var a = document("a");
    var b = document("b");
    UUID id =
        in(
            x -> {
              UUID made = x.catalog.create(source, a).id();
              x.catalog.publish(source, made, 1);
              x.catalog.edit(source, made, b);
              x.catalog.publish(source, made, 2);
              return made;
            });
    TemplateBundle bundle = in(x -> x.bundles.export(source, id));
    assertEquals(2, bundle.templates().get(0).versions().size());

    Caller target = admin(db);
    BundleImportReport dry =
        in(x -> call(() -> x.bundles.importBundle(target, body(bundle), true)));
    assertEquals(BundleImportReport.Outcome.CREATED, dry.templates().get(0).outcome());
    assertNull(dry.templates().get(0).templateId());
    assertEquals(
        0, in(x -> x.bundles.export(target, java.util.List.of())).templates().size(), "dry run");

    BundleImportReport first =
        in(x -> call(() -> x.bundles.importBundle(target, body(bundle), false)));
    UUID copy = first.templates().get(0).templateId();
    TemplateView imported = in(x -> x.catalog.get(target, copy));
    assertEquals(2, imported.currentVersion());
    assertEquals("SUPERSEDED", in(x -> x.catalog.versions(target, copy)).items().get(0).state());
    assertEquals(
        bundle.templates().get(0).versions().get(1).publishedAt(),
        in(x -> x.catalog.version(target, copy, 2)).publishedAt());

    BundleImportReport second =
        in(x -> call(() -> x.bundles.importBundle(target, body(bundle), false)));
    assertEquals(BundleImportReport.Outcome.UNCHANGED, second.templates().get(0).outcome());
    assertEquals(copy, second.templates().get(0).templateId());
    assertEquals(1, second.unchanged());
    assertEquals(2, in(x -> x.catalog.get(target, copy)).latestVersion());
  }

  private interface Io<T> {
    T get() throws Exception;
  }

  private static <T> T call(Io<T> io) {
    try {
      return io.get();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
