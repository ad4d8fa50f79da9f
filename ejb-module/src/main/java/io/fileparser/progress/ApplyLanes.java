package io.fileparser.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A few threads that apply task states side by side, each state of one task on the same thread, in
 * the order heard. Applying a state is a database transaction (lock the job, record the event,
 * commit, publish): one after another on the subscription's thread, the commits' round trips
 * bounded the rate at a few hundred states a second and every state waited for all before it. Side
 * by side, states of different tasks no longer wait for each other, and one task's states still
 * arrive in order (a later progress never overtaken by an earlier one).
 *
 * <p>Each lane holds at most {@code capacity} states; a full lane makes the caller wait (the Redis
 * subscription then buffers), it never drops a state nor applies one out of turn.
 */
final class ApplyLanes {

  private static final Logger LOG = Logger.getLogger(ApplyLanes.class.getName());

  private final List<BlockingQueue<Runnable>> queues = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopping;

  ApplyLanes(ThreadFactory factory, String name, int lanes, int capacity) {
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

  /** Runs {@code work} on the lane of {@code key}, after the work queued there before it. */
  void submit(String key, Runnable work) {
    BlockingQueue<Runnable> queue = queues.get(Math.floorMod(key.hashCode(), queues.size()));
    try {
      queue.put(work);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends the lanes; what still waits in them is left (reconciliation finds it again). */
  void stop() {
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
        LOG.log(Level.WARNING, "applying a task state failed", e);
      }
    }
  }
}
