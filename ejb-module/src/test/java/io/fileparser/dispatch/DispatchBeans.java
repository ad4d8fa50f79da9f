package io.fileparser.dispatch;

import io.fileparser.broker.RedisConnection;
import io.fileparser.jobs.JobBeans;
import io.fileparser.jobs.JobEvents;
import io.fileparser.storage.KeyRing;
import io.fileparser.storage.LocalFileStore;
import io.fileparser.storage.ObjectStore;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * The dispatch beans wired by hand for component tests, with what the container would inject: the
 * transaction's entity manager, settings with the defaults of {@code DispatchSettings} but a queue
 * of the test's own, and a local object store (only asked where results will go, never written).
 */
public final class DispatchBeans {

  private static final LocalFileStore STORE =
      new LocalFileStore(
          Path.of(System.getProperty("java.io.tmpdir"), "fileparser-component-store"),
          new KeyRing(Map.of("component", new byte[32]), "component"));

  private DispatchBeans() {}

  /**
   * JobEvents wired to the observers that act inside the changing transaction, as in the server:
   * the history and the dispatcher (which dispatches to {@code queue}).
   */
  public static JobEvents jobEvents(EntityManager em, String queue) {
    JobDispatcher dispatcher = jobDispatcher(em, queue);
    return JobBeans.events(JobBeans.history(em), dispatcher);
  }

  public static JobDispatcher jobDispatcher(EntityManager em, String queue) {
    JobDispatcher dispatcher = new JobDispatcher();
    dispatcher.em = em;
    dispatcher.settings = settings(queue);
    dispatcher.store = STORE;
    dispatcher.outbox = new OutboxBatch();
    dispatcher.outbox.em = em;
    dispatcher.outbox.limits = JobsInFlightLimits.defaults();
    dispatcher.outbox.telemetry = new io.fileparser.telemetry.Telemetry();
    dispatcher.templates = io.fileparser.templates.WorkerTemplates.over(em);
    dispatcher.mappings = io.fileparser.mapping.ApprovedMappingLookup.over(em);
    dispatcher.documents = io.fileparser.templates.TemplateDocuments.over(em, null);
    return dispatcher;
  }

  /** The relay's batch; the changes it makes (jobs dispatched) go to the history. */
  public static OutboxBatch outboxBatch(EntityManager em, RedisConnection redis) {
    OutboxBatch batch = new OutboxBatch();
    batch.em = em;
    batch.redis = redis;
    batch.documents = io.fileparser.templates.TemplateDocuments.over(em, redis);
    batch.limits = JobsInFlightLimits.defaults();
    batch.events = jobEvents(em, "component-test.relay");
    batch.telemetry = new io.fileparser.telemetry.Telemetry();
    return batch;
  }

  /** The store component tests dispatch to (an encrypted local store under the temp dir). */
  public static ObjectStore store() {
    return STORE;
  }

  /** Retry decisions with {@code maxAttempts} and short backoffs (0.5 s doubling to 4 s). */
  public static Retries retries(int maxAttempts) {
    Retries retries = new Retries();
    retries.settings = settings("component-test.retries");
    retries.settings.maxAttempts = maxAttempts;
    return retries;
  }

  private static DispatchSettings settings(String queue) {
    DispatchSettings settings = new DispatchSettings();
    settings.queue = queue;
    settings.taskName = "parser.process_file";
    settings.hardTimeLimitSeconds = 3900;
    settings.softTimeLimitSeconds = 3600;
    settings.maxAttempts = 3;
    settings.backoffBaseMillis = 500;
    settings.backoffMaxMillis = 4000;
    return settings;
  }
}
