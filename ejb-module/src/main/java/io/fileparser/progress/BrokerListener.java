package io.fileparser.progress;

import io.fileparser.broker.RedisConnection;
import io.fileparser.broker.RedisSubscription;
import io.fileparser.dispatch.KombuQueues;
import io.fileparser.scheduling.Lanes;
import io.fileparser.telemetry.Telemetry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Listens to what the workers publish: task states on {@code celery-task-meta-*} and worker events
 * on {@code /<db>.celeryev/*}, through a lasting {@link RedisSubscription}. After every
 * (re)subscription it reads the stored state of every in-flight job, so a state published while it
 * was away is not missed. States are applied off the subscription's thread, side by side for
 * different tasks and in order for one ({@link Lanes}).
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class BrokerListener {

  private static final String TASK_PATTERN = TaskState.KEY_PREFIX + "*";

  @Resource(lookup = "concurrent/parserThreads")
  ManagedThreadFactory threads;

  @Inject RedisConnection redis;
  @Inject StoredStates storedStates;
  @Inject WorkerRegistry workers;
  @Inject Telemetry telemetry;

  @Inject
  @ConfigProperty(name = "fileparser.progress.min-interval-ms", defaultValue = "500")
  long minIntervalMillis;

  /** Threads applying task states side by side ({@link Lanes}); one task stays on one. */
  @Inject
  @ConfigProperty(name = "fileparser.progress.apply-lanes", defaultValue = "4")
  int applyLanes;

  private ProgressThrottle throttle;
  private Lanes lanes;
  private RedisSubscription subscription;

  @PostConstruct
  void start() {
    throttle = new ProgressThrottle(Duration.ofMillis(minIntervalMillis));
    lanes = new Lanes(threads, "task-states", applyLanes, 10_000);
    subscription =
        RedisSubscription.start(
            threads,
            redis,
            "broker-listener",
            List.of(TASK_PATTERN, KombuQueues.eventChannelPattern(redis.database())),
            new RedisSubscription.Handler() {
              @Override
              public void onMessage(String pattern, String channel, String message) {
                if (pattern.equals(TASK_PATTERN)) {
                  onTaskState(message);
                } else {
                  workers.onEvent(message);
                }
              }

              @Override
              public void onSubscribed(String pattern) {
                if (pattern.equals(TASK_PATTERN)) {
                  // Catch up on a separate thread: this one must keep reading the subscription.
                  threads.newThread(BrokerListener.this::reconcile).start();
                }
              }
            });
  }

  @PreDestroy
  void stop() {
    if (subscription != null) {
      subscription.stop();
    }
    if (lanes != null) {
      lanes.stop();
    }
  }

  /** Applies the stored state of every job in flight: the catch-up after (re)subscribing. */
  void reconcile() {
    storedStates.reconcile();
  }

  /**
   * Applies a state as it is published and measures how long the worker's report took to change its
   * job (states applied in a catch-up are not measured: their age is the outage's).
   */
  private void applyLive(TaskState state) {
    if (storedStates.applyQuietly(state) && state.reportedAt() != null) {
      telemetry.reportApplied(
          state.isReady() ? "outcome" : "progress",
          Duration.between(state.reportedAt(), Instant.now()));
    }
  }

  private void onTaskState(String json) {
    TaskState.parse(json)
        .ifPresent(
            state -> {
              int percent = state.result().path("percent").asInt(0);
              String step = state.result().path("step").asText(null);
              if (throttle.accept(state.taskId(), state.status(), step, percent, Instant.now())) {
                lanes.submit(state.taskId(), () -> applyLive(state));
              }
            });
  }
}
