package io.fileparser.dispatch;

/**
 * Where kombu's Redis transport keeps a queue's messages of a given priority. The workers run with
 * {@code broker_transport_options = {'priority_steps': list(range(10)), 'sep': ':'}}, so priority 0
 * lives in the list named like the queue and priority N in {@code <queue>:N}; workers pop 0 first.
 * Both sides must agree on these two settings.
 */
public final class KombuQueues {

  static final String SEPARATOR = ":";

  private KombuQueues() {}

  public static String listKey(String queue, int priority) {
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("kombu priorities run 0..9");
    }
    return priority == 0 ? queue : queue + SEPARATOR + priority;
  }

  /** The fan-out channel the workers' mailboxes listen on for control commands such as revoke. */
  public static String pidboxChannel(int database) {
    return "/" + database + ".celery.pidbox";
  }

  /** The pattern of the workers' event channels ({@code worker-heartbeat}, {@code task-*}). */
  public static String eventChannelPattern(int database) {
    return "/" + database + ".celeryev/*";
  }
}
