package io.fileparser.events.boundary;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Spares each frame sent the session's idle-timeout task. Tyrus (2.1.5 in Payara 6) schedules that
 * task on the container's managed scheduler for every frame sent ({@code
 * TyrusSession.restartIdleTimeoutExecutor}); with the idle timeout off (0, what {@link
 * EventsEndpoint} sets: the heartbeat decides when a client has gone) the task is due at once and
 * does nothing, yet scheduling it captures the sending thread's context each time (a component
 * invocation with its transaction state, the context providers): on a fan-out of thousands of
 * frames a second, as much CPU as the send itself, and a task for the scheduler's threads per
 * frame.
 *
 * <p>So the session's scheduler is wrapped: while the session's idle timeout is off, a one-shot
 * task it is given is dropped (it would do nothing); everything else goes to the container's
 * scheduler as before. Tyrus keeps the scheduler in a private field of its session; where it is not
 * found (another WebSocket implementation or version) nothing changes but the cost.
 */
final class IdleTimeoutTasks {

  private static final Logger LOG = Logger.getLogger(IdleTimeoutTasks.class.getName());
  private static final AtomicBoolean UNAVAILABLE_LOGGED = new AtomicBoolean();

  private IdleTimeoutTasks() {}

  /**
   * Drops the session's idle-timeout tasks while its idle timeout is off.
   *
   * @return whether the session's scheduler could be wrapped
   */
  static boolean dropWhileOff(Session session) {
    return dropWhileOff(session, session);
  }

  /** The same, for a session whose scheduler is kept in {@code holder}. */
  static boolean dropWhileOff(Object holder, Session session) {
    Field field = schedulerField(holder.getClass());
    if (field == null) {
      unavailable(null);
      return false;
    }
    try {
      field.setAccessible(true);
      ScheduledExecutorService scheduler = (ScheduledExecutorService) field.get(holder);
      if (scheduler == null || Proxy.isProxyClass(scheduler.getClass())) {
        return scheduler != null;
      }
      field.set(holder, wrap(scheduler, session));
      return true;
    } catch (RuntimeException | IllegalAccessException e) {
      unavailable(e);
      return false;
    }
  }

  /** The container's scheduler, but one-shot tasks are dropped while the idle timeout is off. */
  static ScheduledExecutorService wrap(ScheduledExecutorService scheduler, Session session) {
    return (ScheduledExecutorService)
        Proxy.newProxyInstance(
            IdleTimeoutTasks.class.getClassLoader(),
            new Class<?>[] {ScheduledExecutorService.class},
            (proxy, method, args) -> {
              if (method.getName().equals("schedule") && session.getMaxIdleTimeout() <= 0) {
                return Dropped.INSTANCE;
              }
              try {
                return method.invoke(scheduler, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private static Field schedulerField(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.getType() == ScheduledExecutorService.class
            && field.getName().equals("service")) {
          return field;
        }
      }
    }
    return null;
  }

  private static void unavailable(Exception e) {
    if (UNAVAILABLE_LOGGED.compareAndSet(false, true)) {
      LOG.log(
          Level.INFO,
          e,
          () ->
              "WebSocket sessions schedule an idle-timeout task for every frame sent"
                  + " (no scheduler field to wrap in this WebSocket implementation)");
    }
  }

  /** The future of a dropped task: done, never run. */
  private static final class Dropped implements ScheduledFuture<Object> {
    static final Dropped INSTANCE = new Dropped();

    @Override
    public long getDelay(TimeUnit unit) {
      return 0;
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      return false;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      return true;
    }

    @Override
    public Object get() {
      return null;
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      return null;
    }
  }
}
