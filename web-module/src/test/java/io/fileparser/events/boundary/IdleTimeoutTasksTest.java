package io.fileparser.events.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdleTimeoutTasksTest {

  private final ScheduledExecutorService container = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong maxIdleTimeout = new AtomicLong();

  @AfterEach
  void stop() {
    container.shutdownNow();
  }

  @Test
  void whileTheTimeoutIsOffTheSessionsOneShotTasksAreDropped() throws Exception {
    Holder session = new Holder(container);
    assertTrue(IdleTimeoutTasks.dropWhileOff(session, session.proxy));
    assertNotSame(container, session.service);

    AtomicInteger ran = new AtomicInteger();
    ScheduledFuture<?> dropped =
        session.service.schedule(ran::incrementAndGet, 0, TimeUnit.MILLISECONDS);
    Thread.sleep(100);
    assertEquals(0, ran.get());
    assertTrue(dropped.isDone());
    assertFalse(dropped.cancel(true));

    maxIdleTimeout.set(60_000);
    session
        .service
        .schedule(ran::incrementAndGet, 0, TimeUnit.MILLISECONDS)
        .get(5, TimeUnit.SECONDS);
    assertEquals(1, ran.get(), "with a timeout the container runs the task");
  }

  @Test
  void aSessionWithoutTheFieldIsLeftAlone() {
    Session plain =
        (Session)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Session.class},
                (proxy, method, args) -> null);
    assertFalse(IdleTimeoutTasks.dropWhileOff(plain));
  }

  /** A session object that keeps its scheduler in a field named as Tyrus's does. */
  private final class Holder {
    ScheduledExecutorService service;
    final Session proxy;

    Holder(ScheduledExecutorService service) {
      this.service = service;
      this.proxy =
          (Session)
              Proxy.newProxyInstance(
                  getClass().getClassLoader(),
                  new Class<?>[] {Session.class},
                  (proxy, method, args) ->
                      method.getName().equals("getMaxIdleTimeout") ? maxIdleTimeout.get() : null);
    }
  }
}
