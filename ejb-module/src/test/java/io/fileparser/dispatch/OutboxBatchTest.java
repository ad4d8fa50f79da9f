package io.fileparser.dispatch;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.broker.RedisTestDatabase;
import io.fileparser.dispatch.entity.OutboxMessage;
import io.fileparser.jobs.TestJobs;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobStep;
import io.fileparser.jobs.entity.Step;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OutboxBatch} against PostgreSQL and a real Redis: what a relay run pushes, in which order,
 * what it leaves, and that {@code SKIP LOCKED} keeps concurrent relays and cancels apart.
 *
 * <p>The relay takes every due message of the database, not only this test's; each test therefore
 * starts by relaying whatever other tests left due, and then looks only at its own tenant's queue.
 */
@ComponentTest
class OutboxBatchTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RedisTestDatabase redis;

  private final ComponentDatabase db;
  private final TestJobs jobs;
  private final ExecutorService other = Executors.newSingleThreadExecutor();

  OutboxBatchTest(ComponentDatabase db) {
    this.db = db;
    this.jobs = TestJobs.forNewTenant(db);
  }

  @BeforeAll
  static void openRedis() {
    redis = RedisTestDatabase.open();
    redis.deleteKeysStartingWith(TestJobs.QUEUE_PREFIX);
  }

  @AfterAll
  static void closeRedis() {
    redis.deleteKeysStartingWith(TestJobs.QUEUE_PREFIX);
    redis.close();
  }

  @BeforeEach
  void relayWhatOthersLeftDue() {
    while (relay(200) > 0) {
      // others' messages go to their own queues
    }
  }

  @AfterEach
  void stopOtherThread() {
    other.shutdownNow();
  }

  @Test
  void relaysTheMostUrgentDueMessagesFirst() {
    Job low = jobs.job("low.csv").queuePriority(7).queued();
    Job urgent = jobs.job("urgent.csv").queuePriority(0).queued();
    Job middle = jobs.job("middle.csv").queuePriority(3).queued();

    assertEquals(2, relay(2));

    assertEquals(List.of(taskOf(urgent)), pushedTasks(0));
    assertEquals(List.of(taskOf(middle)), pushedTasks(3));
    assertEquals(List.of(), pushedTasks(7));
    assertFalse(messageOf(low).isSent());

    assertEquals(1, relay(2));
    assertEquals(List.of(taskOf(low)), pushedTasks(7));
  }

  @Test
  void pushesTheEnvelopeUnchangedAndMarksMessageSentAndJobDispatched() {
    Job job = jobs.job("a.csv").queued();

    assertEquals(1, relay(10));

    OutboxMessage message = messageOf(job);
    assertEquals(List.of(message.getEnvelope()), pushedEnvelopes(message.getPriority()));
    assertTrue(message.isSent());
    Job relayed = reload(job);
    assertEquals(message.getSentAt(), relayed.attempt().dispatchedAt());
    assertTrue(
        relayed.getSteps().stream()
            .anyMatch(s -> s.getName() == Step.DISPATCHED && s.getStatus() == JobStep.Status.DONE),
        "the job shows a dispatched step");
    assertEquals(
        Long.valueOf(1),
        db.<Long>fromTransaction(
            em ->
                em.createQuery(
                        "select count(e) from JobEvent e where e.key.jobId = :job"
                            + " and e.step = 'dispatched' and e.key.seq = :seq",
                        Long.class)
                    .setParameter("job", job.getId())
                    .setParameter("seq", relayed.getEventSeq())
                    .getSingleResult()),
        "the dispatch is the job's latest change in its history");
  }

  @Test
  void aSentMessageIsNeverPushedAgain() {
    Job job = jobs.job("a.csv").queued();
    relay(10);

    assertEquals(0, relay(10));

    assertEquals(List.of(taskOf(job)), pushedTasksOfAnyPriority());
  }

  @Test
  void leavesMessagesThatAreNotYetAvailable() {
    Job later = jobs.job("later.csv").availableAt(Instant.now().plusSeconds(3600)).queued();
    Job due = jobs.job("due.csv").queued();

    assertEquals(1, relay(10));

    assertEquals(List.of(taskOf(due)), pushedTasksOfAnyPriority());
    assertFalse(messageOf(later).isSent());
    assertNull(reload(later).attempt().dispatchedAt());
  }

  @Test
  void messagesOfOnePriorityLeaveInTheOrderTheyBecameDue() {
    // Created latest-due first, so neither insertion order nor chance passes for due order.
    Instant now = Instant.now();
    List<Job> latestDueFirst =
        IntStream.range(0, 6)
            .mapToObj(
                i ->
                    jobs.job("file-" + i + ".csv")
                        .queuePriority(5)
                        .availableAt(now.minusSeconds(10 + 10 * i))
                        .queued())
            .toList();

    relay(10);

    // LPUSH puts the latest push on the left; kombu's workers take from the right (BRPOP).
    assertEquals(latestDueFirst.stream().map(j -> j.attempt().taskId()).toList(), pushedTasks(5));
  }

  @Test
  void concurrentRelaysNeverPushTheSameMessageTwice() throws Exception {
    List<Job> queued =
        IntStream.range(0, 6)
            .mapToObj(i -> jobs.job("file-" + i + ".csv").queuePriority(4).queued())
            .toList();
    CountDownLatch firstClaimed = new CountDownLatch(1);
    CountDownLatch secondDone = new CountDownLatch(1);

    // The first relay keeps its transaction, and so its locks, open until the second is done.
    CompletableFuture<Integer> first =
        CompletableFuture.supplyAsync(
            () ->
                db.fromTransaction(
                    em -> {
                      int pushed = DispatchBeans.outboxBatch(em, redis.connection()).relayDue(2);
                      firstClaimed.countDown();
                      await(secondDone);
                      return pushed;
                    }),
            other);
    await(firstClaimed);
    int secondPushed;
    try {
      secondPushed =
          db.fromTransaction(
              em -> {
                ComponentDatabase.limitLockWait(em, PATIENCE);
                return DispatchBeans.outboxBatch(em, redis.connection()).relayDue(100);
              });
    } finally {
      secondDone.countDown();
    }
    int firstPushed = first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    // The tenant was being dispatched by the first relay (its fair-share lock): the second left
    // it alone rather than wait; the next run takes the rest.
    int thirdPushed = relay(100);

    assertEquals(2, firstPushed);
    assertEquals(0, secondPushed);
    assertEquals(4, thirdPushed);
    List<String> pushed = pushedTasks(4);
    assertEquals(6, pushed.size(), "pushes in all");
    assertEquals(
        queued.stream().map(j -> j.attempt().taskId()).collect(toSet()), Set.copyOf(pushed));
    assertTrue(queued.stream().allMatch(job -> messageOf(job).isSent()));
  }

  @Test
  void discardUnsentDeletesOnlyTheUnsentMessagesOfThatJob() {
    Job job = jobs.job("a.csv").queued();
    relay(10);
    jobs.retryLater(job.getId(), Instant.now().plusSeconds(3600));
    Job bystander = jobs.job("b.csv").availableAt(Instant.now().plusSeconds(3600)).queued();

    int discarded =
        db.fromTransaction(em -> DispatchBeans.outboxBatch(em, null).discardUnsent(job.getId()));

    assertEquals(1, discarded);
    List<OutboxMessage> left = jobs.outboxOf(job.getId());
    assertEquals(1, left.size(), "only the sent first attempt is left");
    assertEquals(1, left.get(0).getAttempt());
    assertTrue(left.get(0).isSent());
    assertEquals(1, jobs.outboxOf(bystander.getId()).size());
  }

  @Test
  void discardUnsentSkipsAMessageARelayIsSendingRatherThanWaiting() throws Exception {
    Job job = jobs.job("a.csv").queued();
    CountDownLatch relayClaimed = new CountDownLatch(1);
    CountDownLatch discardDone = new CountDownLatch(1);

    CompletableFuture<Integer> relaying =
        CompletableFuture.supplyAsync(
            () ->
                db.fromTransaction(
                    em -> {
                      int pushed = DispatchBeans.outboxBatch(em, redis.connection()).relayDue(10);
                      relayClaimed.countDown();
                      await(discardDone);
                      return pushed;
                    }),
            other);
    await(relayClaimed);
    int discarded;
    try {
      discarded =
          db.fromTransaction(
              em -> {
                ComponentDatabase.limitLockWait(em, PATIENCE);
                return DispatchBeans.outboxBatch(em, null).discardUnsent(job.getId());
              });
    } finally {
      discardDone.countDown();
    }

    assertEquals(0, discarded);
    assertEquals(1, relaying.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    assertTrue(messageOf(job).isSent());
  }

  @Test
  void aMessageNamesItsTemplatesByOneListTheRelayPutsInRedisBeforeThePush() throws Exception {
    String published = publishedTemplate("Calls", 2);
    String documentKey = io.fileparser.templates.TemplateDocuments.key(published, 2);
    OutboxMessage message = messageOf(jobs.job("job-01.csv").queued());
    assertEquals(1, message.getTemplateKeys().size(), message.getTemplateKeys()::toString);
    String setKey = message.getTemplateKeys().get(0);
    com.fasterxml.jackson.databind.JsonNode kwargs = kwargsOf(message.getEnvelope());
    assertEquals(setKey, kwargs.path("templateSet").asText(), kwargs::toString);
    assertEquals(0, kwargs.path("templates").size(), kwargs::toString);
    redis.connection().pool().del(setKey, documentKey);

    assertEquals(1, relay(10));

    com.fasterxml.jackson.databind.JsonNode entries =
        JSON.readTree(redis.connection().pool().get(setKey));
    assertEquals(1, entries.size(), entries::toString); // no system templates here
    assertEquals(published, entries.get(0).path("id").asText());
    assertEquals(2, entries.get(0).path("version").asInt());
    assertEquals(documentKey, entries.get(0).path("documentKey").asText());
    assertTrue(entries.get(0).path("document").isMissingNode(), entries::toString);
    assertEquals(
        "Calls", JSON.readTree(redis.connection().pool().get(documentKey)).path("name").asText());
    assertTrue(redis.connection().pool().ttl(setKey) > Duration.ofDays(29).toSeconds());
    assertEquals(-1, redis.connection().pool().ttl(documentKey), "documents do not expire");

    // The tenant's next job names the same list; Redis lost both: the push stores them again.
    OutboxMessage same = messageOf(jobs.job("job-02.csv").queued());
    assertEquals(List.of(setKey), same.getTemplateKeys());
    redis.connection().pool().del(setKey, documentKey);
    assertEquals(1, relay(10));
    assertTrue(redis.connection().pool().exists(setKey));
    assertTrue(redis.connection().pool().exists(documentKey));

    // Thirty more templates: a new list, and a message of the same size.
    for (int i = 0; i < 30; i++) {
      publishedTemplate("More " + i, 1);
    }
    OutboxMessage more = messageOf(jobs.job("job-03.csv").queued());
    assertFalse(more.getTemplateKeys().contains(setKey));
    assertEquals(message.getEnvelope().length(), more.getEnvelope().length());
    assertEquals(1, relay(10));
    assertEquals(
        31, JSON.readTree(redis.connection().pool().get(more.getTemplateKeys().get(0))).size());
    redis.connection().pool().del(setKey, documentKey, more.getTemplateKeys().get(0));
  }

  /** A template of this test's tenant with {@code version} published as its current one. */
  private String publishedTemplate(String name, int version) {
    java.util.UUID id = java.util.UUID.randomUUID();
    db.inTransaction(
        em -> {
          em.createNativeQuery(
                  "insert into templates (id, tenant_id, name, format, state, current_version,"
                      + " latest_version, created_by, created_at, updated_at, row_version)"
                      + " values (?1, ?2, ?3, 'CSV', 'ACTIVE', ?4, ?4, 'test', now(), now(), 0)")
              .setParameter(1, id)
              .setParameter(2, jobs.tenantId())
              .setParameter(3, name)
              .setParameter(4, version)
              .executeUpdate();
          em.createNativeQuery(
                  "insert into template_versions (template_id, version, state, document,"
                      + " created_by, created_at, published_by, published_at)"
                      + " values (?1, ?2, 'PUBLISHED', cast(?3 as jsonb), 'test', now(), 'test',"
                      + " now())")
              .setParameter(1, id)
              .setParameter(2, version)
              .setParameter(3, "{\"name\": \"" + name + "\", \"fields\": []}")
              .executeUpdate();
        });
    return id.toString();
  }

  /** The kwargs of a task envelope. */
  private static com.fasterxml.jackson.databind.JsonNode kwargsOf(String envelope)
      throws JsonProcessingException {
    String body =
        new String(
            java.util.Base64.getDecoder().decode(JSON.readTree(envelope).path("body").asText()),
            java.nio.charset.StandardCharsets.UTF_8);
    return JSON.readTree(body).path(1);
  }

  private int relay(int limit) {
    return db.fromTransaction(
        em -> DispatchBeans.outboxBatch(em, redis.connection()).relayDue(limit));
  }

  /** The task list of this tenant's queue for one priority, latest push first (LPUSH). */
  private List<String> pushedEnvelopes(int priority) {
    return redis.connection().pool().lrange(KombuQueues.listKey(jobs.queue(), priority), 0, -1);
  }

  /** The task ids in that list, in its order. */
  private List<String> pushedTasks(int priority) {
    return pushedEnvelopes(priority).stream().map(OutboxBatchTest::taskIdOf).toList();
  }

  private List<String> pushedTasksOfAnyPriority() {
    List<String> all = new ArrayList<>();
    for (int priority = 0; priority <= 9; priority++) {
      all.addAll(pushedTasks(priority));
    }
    return all;
  }

  private static String taskIdOf(String envelope) {
    try {
      return JSON.readTree(envelope).path("headers").path("id").asText();
    } catch (JsonProcessingException e) {
      throw new AssertionError("not a task envelope: " + envelope, e);
    }
  }

  /** The Celery task of the job's current attempt. */
  private static String taskOf(Job job) {
    return job.attempt().taskId();
  }

  /** The job's only outbox message, as it is now. */
  private OutboxMessage messageOf(Job job) {
    List<OutboxMessage> messages = jobs.outboxOf(job.getId());
    assertEquals(1, messages.size(), "outbox messages of job " + job.getId());
    return messages.get(0);
  }

  private Job reload(Job job) {
    return db.fromTransaction(em -> em.find(Job.class, job.getId()));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("gave up waiting for the other transaction");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
