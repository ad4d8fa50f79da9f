package io.fileparser.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fileparser.broker.RedisTestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catch-up from the states the workers stored in a real Redis; the jobs in flight and what
 * applying does are the database's, stood in for here by a list and a record of what was applied.
 */
class StoredStatesTest {

  private static RedisTestDatabase redis;

  private final List<String> inFlight = new ArrayList<>();
  private final List<String> applied = new ArrayList<>();
  private final StoredStates states = new StoredStates();

  @BeforeAll
  static void open() {
    redis = RedisTestDatabase.open();
  }

  @AfterAll
  static void close() {
    redis.close();
  }

  StoredStatesTest() {
    states.redis = redis.connection();
    states.outcomes =
        new TaskOutcomes() {
          @Override
          public List<String> inFlightTaskIds() {
            return List.copyOf(inFlight);
          }

          @Override
          public boolean apply(TaskState state) {
            applied.add(state.taskId() + " " + state.status());
            inFlight.remove(state.taskId());
            return true;
          }
        };
  }

  @AfterEach
  void forget() {
    redis.deleteKeysStartingWith(TaskState.KEY_PREFIX);
  }

  private String stored(String status) {
    String task = UUID.randomUUID().toString();
    String result = status.equals("PROGRESS") ? "{\"step\": \"parsing\", \"percent\": 40}" : "{}";
    redis
        .connection()
        .pool()
        .set(
            TaskState.KEY_PREFIX + task,
            "{\"status\": \""
                + status
                + "\", \"result\": "
                + result
                + ", \"date_done\": \"2026-12-02T08:00:00.123456\", \"task_id\": \""
                + task
                + "\"}");
    inFlight.add(task);
    return task;
  }

  @Test
  void afterASubscriptionEveryStoredStateOfAJobInFlightIsApplied() {
    String running = stored("PROGRESS");
    String done = stored("SUCCESS");
    String unknown = UUID.randomUUID().toString();
    inFlight.add(unknown); // dispatched, nothing stored yet

    states.reconcile();

    assertEquals(Set.of(running + " PROGRESS", done + " SUCCESS"), Set.copyOf(applied));
  }

  @Test
  void onTheScheduleAFinishedStateIsLeftOneRoundToItsPublishedMessage() {
    String done = stored("SUCCESS");
    String running = stored("PROGRESS");

    Set<String> found = states.reconcileFinished(Set.of());
    assertEquals(List.of(), applied, "a state just stored is left to the live message");
    assertEquals(Set.of(done), found, "progress is never applied on the schedule");

    found = states.reconcileFinished(found);
    assertEquals(List.of(done + " SUCCESS"), applied, "unapplied a round later: applied now");
    assertEquals(Set.of(done), found);

    assertEquals(Set.of(), states.reconcileFinished(found), "applied, so no longer in flight");
    assertEquals(List.of(running), inFlight);
  }

  @Test
  void aFinishedStateTheLiveMessageAppliedMeanwhileIsNotAppliedAgain() {
    String done = stored("FAILURE");

    Set<String> found = states.reconcileFinished(Set.of());
    inFlight.remove(done); // the published message changed the job in between

    assertEquals(Set.of(), states.reconcileFinished(found));
    assertEquals(List.of(), applied);
  }

  @Test
  void aRoundThatCouldNotReadKeepsWhatTheRoundBeforeFound() {
    String done = stored("REVOKED");
    Set<String> found = states.reconcileFinished(Set.of());

    StoredStates failing = new StoredStates();
    failing.redis = states.redis;
    failing.outcomes =
        new TaskOutcomes() {
          @Override
          public List<String> inFlightTaskIds() {
            throw new IllegalStateException("the database is away");
          }
        };
    found = failing.reconcileFinished(found);

    states.reconcileFinished(found);
    assertEquals(List.of(done + " REVOKED"), applied, "the round after the outage applies it");
  }
}
