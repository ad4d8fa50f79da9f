package io.fileparser.dispatch;

import io.fileparser.broker.RedisConnection;
import io.fileparser.storage.KeyRing;
import io.fileparser.storage.LocalFileStore;
import jakarta.enterprise.event.Event;
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

  public static JobDispatcher jobDispatcher(
      EntityManager em, String queue, Event<JobQueued> queued) {
    JobDispatcher dispatcher = new JobDispatcher();
    dispatcher.em = em;
    dispatcher.settings = settings(queue);
    dispatcher.store = STORE;
    dispatcher.queued = queued;
    return dispatcher;
  }

  public static OutboxBatch outboxBatch(EntityManager em, RedisConnection redis) {
    OutboxBatch batch = new OutboxBatch();
    batch.em = em;
    batch.redis = redis;
    return batch;
  }

  private static DispatchSettings settings(String queue) {
    DispatchSettings settings = new DispatchSettings();
    settings.queue = queue;
    settings.taskName = "parser.process_file";
    settings.hardTimeLimitSeconds = 3900;
    settings.softTimeLimitSeconds = 3600;
    return settings;
  }
}
