package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Fair share end to end (issues 12 and 13), with a real Celery worker: a tenant's limit of jobs in
 * flight, set by the operator, holds its burst in the outbox, so another tenant's job goes to the
 * workers at once and completes while the burst is still draining; the queue view shows the jobs in
 * flight and held, and never more in flight than the limit.
 */
class FairShareIT {

  private static final int LIMIT = 2;
  private static final int BURST = 8;
  private static final Duration PARSE = Duration.ofSeconds(120);

  @Test
  void anotherTenantsJobCompletesWhileABurstIsHeldAtItsLimit() throws Exception {
    String busy = Tenants.fresh();
    ApiResponse created =
        TenantAdminIT.create(Map.of("id", busy, "limits", Map.of("jobsInFlight", LIMIT)));
    assertEquals(201, created.status(), created::toString);
    assertEquals(LIMIT, created.json().path("limitsInForce").path("jobsInFlight").asInt());
    String busyMember = Tokens.of(busy, "member");
    String quiet = Tenants.fresh();
    String quietMember = Tokens.of(quiet, "member");

    // No worker yet: the burst waits, two of it with the broker and the rest in the outbox.
    List<String> burst = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      burst.add(upload(busyMember, busy + "-" + i, "{\"simulate\":\"slow\",\"slowSeconds\":0.5}"));
    }
    JsonNode held = awaitQueue(busy, t -> t.path("held").asInt() == BURST - LIMIT);
    assertEquals(LIMIT, held.path("dispatched").asInt(), held::toString);
    assertEquals(LIMIT, held.path("limit").asInt(), held::toString);
    String before = upload(quietMember, quiet + "-before", null);
    JsonNode quietEntry = awaitQueue(quiet, t -> t.path("dispatched").asInt() == 1);
    assertEquals(0, quietEntry.path("held").asInt(), quietEntry::toString);
    assertEquals(20, quietEntry.path("limit").asInt(), "the standard tier's: " + quietEntry);

    AtomicBoolean watching = new AtomicBoolean(true);
    AtomicLong most = new AtomicLong();
    CompletableFuture<Void> watcher =
        CompletableFuture.runAsync(
            () -> {
              while (watching.get()) {
                entry(busy)
                    .ifPresent(
                        t ->
                            most.accumulateAndGet(
                                t.path("dispatched").asLong() + t.path("processing").asLong(),
                                Math::max));
                Jobs.sleep(100);
              }
            });
    try (Workers worker = Workers.start(3)) {
      JsonNode first = Jobs.awaitFinished(quietMember, before, PARSE);
      assertEquals("COMPLETED", first.path("state").asText(), first::toString);
      String during = upload(quietMember, quiet + "-during", null);
      JsonNode second = Jobs.awaitFinished(quietMember, during, PARSE);
      assertEquals("COMPLETED", second.path("state").asText(), second::toString);
      long unfinished = burst.stream().filter(id -> !finished(busyMember, id)).count();
      assertTrue(unfinished > 0, "the quiet tenant's jobs completed before the burst had drained");

      for (String id : burst) {
        JsonNode done = Jobs.awaitFinished(busyMember, id, PARSE);
        assertEquals("COMPLETED", done.path("state").asText(), done::toString);
      }
    } finally {
      watching.set(false);
      watcher.get(10, TimeUnit.SECONDS);
    }
    assertTrue(most.get() <= LIMIT, () -> "at most " + LIMIT + " in flight, saw " + most.get());
    assertTrue(most.get() >= 1, "the watcher saw the burst in flight");
    assertTrue(entry(busy).isEmpty(), "nothing in flight or held once drained");
  }

  @Test
  void raisingTheLimitReleasesHeldJobsAtOnce() {
    String tenant = Tenants.fresh();
    assertEquals(
        201,
        TenantAdminIT.create(Map.of("id", tenant, "limits", Map.of("jobsInFlight", 1))).status());
    String member = Tokens.of(tenant, "member");
    for (int i = 0; i < 3; i++) {
      upload(member, tenant + "-" + i, null);
    }
    awaitQueue(tenant, t -> t.path("held").asInt() == 2 && t.path("dispatched").asInt() == 1);

    ApiResponse raised =
        TenantAdminIT.patch(
            tenant, "application/merge-patch+json", "{\"limits\":{\"jobsInFlight\":5}}");
    assertEquals(200, raised.status(), raised::toString);
    assertEquals(5, raised.json().path("limitsInForce").path("jobsInFlight").asInt());

    JsonNode released = awaitQueue(tenant, t -> t.path("dispatched").asInt() == 3);
    assertEquals(0, released.path("held").asInt(), released::toString);
    assertEquals(5, released.path("limit").asInt(), released::toString);
  }

  // ---- helpers

  private static String upload(String token, String variant, String metadata) {
    Multipart form = Multipart.file("burst.csv", SampleFiles.csv(variant));
    if (metadata != null) {
      form = form.field("metadata", metadata);
    }
    return Uploads.created(Uploads.multipart(token, form)).path("id").asText();
  }

  private static boolean finished(String token, String id) {
    String state = Jobs.status(token, id).path("state").asText();
    return !state.equals("QUEUED") && !state.equals("RUNNING");
  }

  /** The tenant's entry in the operator's queue view, if it has jobs in flight or held. */
  private static java.util.Optional<JsonNode> entry(String tenant) {
    ApiResponse response =
        Api.get("/admin/queue?tenantId=" + tenant).bearer(Tokens.operator()).send();
    assertEquals(200, response.status(), response::toString);
    for (JsonNode t : response.json().path("inFlight")) {
      if (t.path("tenantId").asText().equals(tenant)) {
        return java.util.Optional.of(t);
      }
    }
    return java.util.Optional.empty();
  }

  private static JsonNode awaitQueue(
      String tenant, java.util.function.Predicate<JsonNode> condition) {
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      java.util.Optional<JsonNode> t = entry(tenant);
      if (t.isPresent() && condition.test(t.get())) {
        return t.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("queue of " + tenant + " never as expected: " + t);
      }
      Jobs.sleep(200);
    }
  }
}
