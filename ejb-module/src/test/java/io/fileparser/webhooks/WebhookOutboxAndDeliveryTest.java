package io.fileparser.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.audit.AuditBeans;
import io.fileparser.dispatch.CollectedEvents;
import io.fileparser.events.JobEventMessage;
import io.fileparser.jobs.TestJobs;
import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.notifications.WebhookEndpointDisabled;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.security.SecurityBeans;
import io.fileparser.webhooks.entity.MessageStatus;
import io.fileparser.webhooks.entity.WebhookEndpoint;
import io.fileparser.webhooks.entity.WebhookMessage;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The webhook outbox and the database side of delivery against PostgreSQL: which endpoints a job
 * change writes messages for, in its transaction; claiming with a lease and {@code SKIP LOCKED};
 * what each attempt's outcome leads to (retry on the schedule, give up, disable with an audit entry
 * and a fact).
 */
@ComponentTest
class WebhookOutboxAndDeliveryTest {

  private final ComponentDatabase db;
  private final String tenant;
  private final Caller admin;

  WebhookOutboxAndDeliveryTest(ComponentDatabase db) {
    this.db = db;
    this.tenant = TestJobs.forNewTenant(db).tenantId();
    this.admin = new Caller(tenant, "user:admin@" + tenant, Set.of(Role.ADMIN), Caller.Method.JWT);
  }

  @Test
  void aJobChangeWritesAMessageForEachEnabledEndpointThatWantsItAndNoneIfItRollsBack() {
    WebhookSettings settings = settings("1s", 432000);
    UUID all = create(settings, Set.of());
    UUID completedOnly = create(settings, Set.of("job.completed"));
    UUID disabled = create(settings, Set.of());
    db.inTransaction(
        em -> endpoints(em, settings).update(admin, disabled, null, null, null, false));

    UUID job = UUID.randomUUID();
    JobChanged created = change(job, 1, null, JobState.RECEIVED, "received");
    JobChanged completed = change(job, 9, JobState.RUNNING, JobState.COMPLETED, "parsed");
    db.inTransaction(em -> outbox(em).onChanged(created));
    db.inTransaction(em -> outbox(em).onChanged(completed));
    assertThrows(
        IllegalStateException.class,
        () ->
            db.inTransaction(
                em -> {
                  outbox(em)
                      .onChanged(change(job, 10, JobState.COMPLETED, JobState.COMPLETED, "x"));
                  throw new IllegalStateException("the job change rolls back");
                }));

    assertEquals(
        List.of(JobEventMessage.of(created).toJson(), JobEventMessage.of(completed).toJson()),
        payloads(all));
    assertEquals(List.of(JobEventMessage.of(completed).toJson()), payloads(completedOnly));
    assertEquals(List.of(), payloads(disabled));
    assertEquals(
        List.of(1, 2, 2),
        queued.fired().stream().map(MessagesQueued::count).toList(),
        "delivery is told of each change's messages (the rolled back one's too: its observer runs"
            + " only after a commit)");
    WebhookMessage first = messagesOf(all).get(0);
    assertEquals("job.created", first.getEventType());
    assertTrue(first.getWebhookId().matches("msg_[0-9a-f]{32}"), first.getWebhookId());
    assertTrue(messagesOf(all).get(1).getSeq() > first.getSeq(), "seq in the order written");
  }

  @Test
  void aTransactionReadsItsTenantsEndpointsOnceForAllItsChanges() {
    WebhookSettings settings = settings("1s", 432000);
    UUID endpoint = create(settings, Set.of());
    UUID job = UUID.randomUUID();
    OneTransaction transaction = new OneTransaction();
    db.inTransaction(
        em -> {
          WebhookOutbox outbox = outbox(em);
          outbox.transactions = transaction;
          outbox.onChanged(change(job, 1, null, JobState.RECEIVED, "received"));
          outbox.onChanged(change(job, 2, JobState.RECEIVED, JobState.QUEUED, "queued"));
        });
    assertEquals(1, transaction.resources.size(), "one reading of the tenant's endpoints");
    assertEquals(2, payloads(endpoint).size(), "a message for each change");
  }

  /** The resources of one transaction, as the container's registry keeps them. */
  private static final class OneTransaction implements TransactionSynchronizationRegistry {
    final Map<Object, Object> resources = new HashMap<>();

    @Override
    public Object getTransactionKey() {
      return this;
    }

    @Override
    public void putResource(Object key, Object value) {
      resources.put(key, value);
    }

    @Override
    public Object getResource(Object key) {
      return resources.get(key);
    }

    @Override
    public void registerInterposedSynchronization(Synchronization sync) {
      throw new UnsupportedOperationException();
    }

    @Override
    public int getTransactionStatus() {
      return Status.STATUS_ACTIVE;
    }

    @Override
    public void setRollbackOnly() {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean getRollbackOnly() {
      return false;
    }
  }

  @Test
  void aClaimLeasesItsMessagesAndAConcurrentClaimSkipsThem() throws Exception {
    WebhookSettings settings = settings("1s", 432000);
    UUID endpoint = create(settings, Set.of());
    db.inTransaction(
        em ->
            outbox(em)
                .onChanged(change(UUID.randomUUID(), 1, null, JobState.RECEIVED, "received")));

    CountDownLatch claimed = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<List<Delivery>> first =
        CompletableFuture.supplyAsync(
            () ->
                db.fromTransaction(
                    em -> {
                      List<Delivery> mine = batch(em, settings).claimDue(500);
                      claimed.countDown();
                      await(release);
                      return mine;
                    }));
    assertTrue(claimed.await(10, TimeUnit.SECONDS));
    List<Delivery> meanwhile =
        db.fromTransaction(
            em -> {
              ComponentDatabase.limitLockWait(em, Duration.ofSeconds(2));
              return batch(em, settings).claimDue(500);
            });
    release.countDown();
    List<Delivery> claimedFirst = first.get(10, TimeUnit.SECONDS);
    assertEquals(1, of(endpoint, claimedFirst).size());
    assertEquals(List.of(), of(endpoint, meanwhile), "locked rows are skipped, not waited for");
    assertEquals(
        List.of(),
        of(endpoint, db.fromTransaction(em -> batch(em, settings).claimDue(500))),
        "a leased message is not due again until its lease runs out");
    WebhookMessage leased = messagesOf(endpoint).get(0);
    assertTrue(leased.getNextAttemptAt().isAfter(Instant.now().plusSeconds(20)));
    assertEquals(MessageStatus.PENDING, leased.getStatus());
  }

  @Test
  void failedAttemptsFollowTheScheduleThenTheMessageIsGivenUpAndSuccessEndsTheFailureRun() {
    WebhookSettings settings = settings("1s,2s", 432000);
    UUID endpoint = create(settings, Set.of());
    Delivery delivery = claimOne(settings, endpoint);
    DeliveryResult error = new DeliveryResult(500, "http_error", 12, "broken", null, null);

    Instant before = Instant.now();
    record(settings, delivery, error);
    WebhookMessage once = messagesOf(endpoint).get(0);
    assertEquals(MessageStatus.PENDING, once.getStatus());
    assertEquals(1, once.getAttempts());
    assertBetween(once.getNextAttemptAt(), before.plusSeconds(1), Instant.now().plusMillis(1200));
    assertNotNull(endpointOf(endpoint).getFailingSince());

    before = Instant.now();
    record(settings, delivery, error);
    assertBetween(
        messagesOf(endpoint).get(0).getNextAttemptAt(),
        before.plusSeconds(2),
        Instant.now().plusMillis(2400));

    record(settings, delivery, error);
    WebhookMessage givenUp = messagesOf(endpoint).get(0);
    assertEquals(MessageStatus.FAILED, givenUp.getStatus());
    assertEquals(3, givenUp.getAttempts());
    assertNull(givenUp.getNextAttemptAt());
    assertEquals(
        List.of(1, 2, 3),
        db.fromTransaction(
            em ->
                em.createQuery(
                        "select a.attempt from WebhookAttempt a where a.messageId = :m order by a.attempt",
                        Integer.class)
                    .setParameter("m", delivery.messageId())
                    .getResultList()));
    assertTrue(endpointOf(endpoint).isEnabled(), "a few failures do not disable");

    Delivery next = claimOne(settings, endpoint);
    record(settings, next, new DeliveryResult(204, "delivered", 3, null, null, null));
    assertNull(endpointOf(endpoint).getFailingSince());
    assertEquals(
        MessageStatus.DELIVERED,
        db.fromTransaction(em -> em.find(WebhookMessage.class, next.messageId())).getStatus());
  }

  @Test
  void retryAfterLongerThanTheScheduleIsHonoured() {
    WebhookSettings settings = settings("1s", 432000);
    UUID endpoint = create(settings, Set.of());
    Delivery delivery = claimOne(settings, endpoint);
    Instant before = Instant.now();
    record(
        settings,
        delivery,
        new DeliveryResult(503, "http_error", 5, null, null, Duration.ofSeconds(90)));
    assertBetween(
        messagesOf(endpoint).get(0).getNextAttemptAt(),
        before.plusSeconds(90),
        Instant.now().plusSeconds(91));
  }

  @Test
  void goneDisablesTheEndpointWithAnAuditEntryAndAFactForItsCreator() {
    WebhookSettings settings = settings("1s", 432000);
    UUID endpoint = create(settings, Set.of());
    record(
        settings,
        claimOne(settings, endpoint),
        new DeliveryResult(410, "http_error", 4, null, null, null));

    WebhookEndpoint gone = endpointOf(endpoint);
    assertFalse(gone.isEnabled());
    assertTrue(gone.getDisabledReason().contains("410"));
    assertEquals(MessageStatus.FAILED, messagesOf(endpoint).get(0).getStatus());
    assertEquals(List.of("webhook.endpoint_disabled " + admin.subject()), facts(endpoint));
    assertEquals(1L, auditCount(endpoint, "webhook.endpoint_disabled"));
    assertEquals(
        List.of(admin.subject()),
        disabled.fired().stream().map(WebhookEndpointDisabled::owner).toList(),
        "the owner is notified");
  }

  @Test
  void anEndpointFailingForTheWholeWindowIsDisabled() {
    WebhookSettings settings = settings("1s,1s", 0);
    UUID endpoint = create(settings, Set.of());
    record(
        settings,
        claimOne(settings, endpoint),
        new DeliveryResult(null, "timeout", 10000, null, "timed out", null));
    WebhookEndpoint failing = endpointOf(endpoint);
    assertFalse(failing.isEnabled());
    assertTrue(failing.getDisabledReason().startsWith("every attempt failed since"));
    assertEquals(List.of("webhook.endpoint_disabled " + admin.subject()), facts(endpoint));
    assertEquals(
        List.of(),
        of(endpoint, db.fromTransaction(em -> batch(em, settings).claimDue(500))),
        "a disabled endpoint's messages are not claimed");
  }

  @Test
  void duringARotationsOverlapAClaimCarriesBothSecretsNewestFirst() {
    WebhookSettings settings = settings("1s", 432000);
    UUID endpoint =
        db.fromTransaction(
                em -> endpoints(em, settings).create(admin, "http://127.0.0.1:9/h", null, Set.of()))
            .webhook()
            .id();
    String first =
        db.fromTransaction(
                em -> endpoints(em, settings).rotateSecret(admin, endpoint, Duration.ZERO))
            .secret();
    String second =
        db.fromTransaction(
                em -> endpoints(em, settings).rotateSecret(admin, endpoint, Duration.ofHours(1)))
            .secret();
    Delivery delivery = claimOne(settings, endpoint);
    assertEquals(List.of(second, first), delivery.secrets());
    String sealed = endpointOf(endpoint).getSecretSealed();
    assertTrue(sealed.startsWith("a1:"), "sealed at rest");
    assertFalse(sealed.contains(second.substring(6)));
  }

  // --- wiring -----------------------------------------------------------------------------

  private static WebhookSettings settings(String schedule, long disableAfterSeconds) {
    WebhookSettings settings = new WebhookSettings();
    settings.retrySchedule = schedule;
    settings.allowedTargets = Optional.of("127.0.0.0/8");
    settings.secretKey = Optional.of(Base64.getEncoder().encodeToString(new byte[32]));
    settings.disableAfterSeconds = disableAfterSeconds;
    settings.timeoutMillis = 10000;
    settings.pollIntervalMillis = 1000;
    settings.read();
    return settings;
  }

  private WebhookEndpoints endpoints(EntityManager em, WebhookSettings settings) {
    WebhookEndpoints endpoints = new WebhookEndpoints();
    endpoints.em = em;
    endpoints.settings = settings;
    endpoints.tenants = SecurityBeans.tenants(em);
    endpoints.audit = AuditBeans.log(em);
    return endpoints;
  }

  private WebhookOutbox outbox(EntityManager em) {
    WebhookOutbox outbox = new WebhookOutbox();
    outbox.em = em;
    outbox.queued = queued;
    return outbox;
  }

  /** What the outbox told delivery: messages written, how many each time. */
  private final CollectedEvents<MessagesQueued> queued = new CollectedEvents<>();

  /** What the deliveries told the notifications capability: endpoints disabled, for whom. */
  private final CollectedEvents<WebhookEndpointDisabled> disabled = new CollectedEvents<>();

  private DeliveryBatch batch(EntityManager em, WebhookSettings settings) {
    DeliveryBatch batch = new DeliveryBatch();
    batch.em = em;
    batch.settings = settings;
    batch.audit = AuditBeans.log(em);
    batch.disabled = disabled;
    batch.telemetry = new io.fileparser.telemetry.Telemetry();
    batch.usage = io.fileparser.usage.UsageBeans.counters(em);
    return batch;
  }

  private UUID create(WebhookSettings settings, Set<String> eventTypes) {
    return db.fromTransaction(
            em -> endpoints(em, settings).create(admin, "http://127.0.0.1:9/hook", "t", eventTypes))
        .webhook()
        .id();
  }

  /** Writes a message for the endpoint (a job change of the tenant) and claims it. */
  private Delivery claimOne(WebhookSettings settings, UUID endpoint) {
    db.inTransaction(
        em ->
            outbox(em)
                .onChanged(change(UUID.randomUUID(), 1, null, JobState.RECEIVED, "received")));
    List<Delivery> mine = of(endpoint, db.fromTransaction(em -> batch(em, settings).claimDue(500)));
    assertEquals(1, mine.size(), mine::toString);
    return mine.get(0);
  }

  private void record(WebhookSettings settings, Delivery delivery, DeliveryResult result) {
    db.inTransaction(em -> batch(em, settings).record(delivery, result));
  }

  private JobChanged change(UUID job, int seq, JobState from, JobState to, String step) {
    return new JobChanged(
        job,
        tenant,
        seq,
        from,
        to,
        step,
        null,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        null,
        null);
  }

  private static List<Delivery> of(UUID endpoint, List<Delivery> deliveries) {
    return deliveries.stream().filter(d -> d.endpointId().equals(endpoint)).toList();
  }

  private List<WebhookMessage> messagesOf(UUID endpoint) {
    return db.fromTransaction(
        em ->
            em.createQuery(
                    "select m from WebhookMessage m where m.endpointId = :e order by m.seq",
                    WebhookMessage.class)
                .setParameter("e", endpoint)
                .getResultList());
  }

  private List<String> payloads(UUID endpoint) {
    return messagesOf(endpoint).stream().map(WebhookMessage::getPayload).toList();
  }

  private WebhookEndpoint endpointOf(UUID endpoint) {
    return db.fromTransaction(em -> em.find(WebhookEndpoint.class, endpoint));
  }

  private List<String> facts(UUID endpoint) {
    return db.fromTransaction(
        em ->
            em.createQuery(
                    "select f.kind || ' ' || f.recipient from WebhookFact f where f.endpointId = :e",
                    String.class)
                .setParameter("e", endpoint)
                .getResultList());
  }

  private long auditCount(UUID endpoint, String action) {
    Function<EntityManager, Long> count =
        em ->
            ((Number)
                    em.createNativeQuery(
                            "select count(*) from audit_log where target_id = ?1 and action = ?2")
                        .setParameter(1, endpoint.toString())
                        .setParameter(2, action)
                        .getSingleResult())
                .longValue();
    return db.fromTransaction(count);
  }

  private static void assertBetween(Instant actual, Instant from, Instant to) {
    assertTrue(
        !actual.isBefore(from.minusMillis(5)) && !actual.isAfter(to),
        actual + " not within " + from + " .. " + to);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
