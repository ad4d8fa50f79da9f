package io.fileparser.scheduling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A few threads that run work side by side, each key's work on the same thread, in the order
 * submitted. What one thread heard (a Redis subscription's messages) is spread this way when
 * handling it one after another would make each message wait for all before it: work of different
 * keys no longer waits for each other, and one key's work still runs in order.
 *
 * <p>Each lane holds at most {@code capacity} items; a full lane makes the caller wait (a Redis
 * subscription then buffers), it never drops an item nor runs one out of turn.
 */
public final class Lanes {

  private static final Logger LOG = Logger.getLogger(Lanes.class.getName());

  private final List<BlockingQueue<Runnable>> queues = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopping;

  public Lanes(ThreadFactory factory, String name, int lanes, int capacity) {
    if (lanes < 1) {
      throw new IllegalArgumentException("at least one lane");
    }
    for (int i = 0; i < lanes; i++) {
      BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>(capacity);
      Thread thread = factory.newThread(() -> drain(queue));
      thread.setName(name + "-" + i);
      queues.add(queue);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  /** How many lanes there are. */
  public int size() {
    return queues.size();
  }

  /** Runs {@code work} on the lane of {@code key}, after the work queued there before it. */
  public void submit(String key, Runnable work) {
    submit(Math.floorMod(key.hashCode(), queues.size()), work);
  }

  /** Runs {@code work} on lane {@code lane} (0 to {@link #size} - 1), after what waits there. */
  public void submit(int lane, Runnable work) {
    try {
      queues.get(lane).put(work);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends the lanes; what still waits in them is left. */
  public void stop() {
    stopping = true;
    threads.forEach(Thread::interrupt);
  }

  private void drain(BlockingQueue<Runnable> queue) {
    while (!stopping) {
      Runnable work;
      try {
        work = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      try {
        work.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "work on a lane failed", e);
      }
    }
  }
}
