package io.fileparser.dispatch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Where kombu's Redis transport keeps a queue's messages of a given priority. The workers run with
 * {@code broker_transport_options = {'priority_steps': list(range(10)), 'sep': ':'}}, so priority 0
 * lives in the list named like the queue and priority N in {@code <queue>:N}; workers pop 0 first.
 * The separator also joins the parts of an exchange's bindings ({@link #binding}). Both sides must
 * agree on these two settings.
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

  /**
   * A member of an exchange's binding set ({@code _kombu.binding.<exchange>}) routing {@code
   * routingKey} to {@code queue}: kombu joins routing key, pattern (none) and queue with the same
   * separator, and a worker splits them with it when it publishes to the exchange.
   */
  public static String binding(String routingKey, String queue) {
    return routingKey + SEPARATOR + SEPARATOR + queue;
  }

  /** The fan-out channel the workers' mailboxes listen on for control commands such as revoke. */
  public static String pidboxChannel(int database) {
    return "/" + database + ".celery.pidbox";
  }

  /** The pattern of the workers' event channels ({@code worker-heartbeat}, {@code task-*}). */
  public static String eventChannelPattern(int database) {
    return "/" + database + ".celeryev/*";
  }

  /**
   * A message for the {@code celery.pidbox} fan-out exchange (a remote-control command: revoke,
   * pool_grow, ...) as kombu's Redis transport publishes it: the command {@code body}
   * base64-encoded in the envelope, with {@code expires} (seconds since the epoch, 0 for never) in
   * its headers.
   */
  public static String pidboxEnvelope(ObjectNode body, long expires) {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put(
        "body",
        Base64.getEncoder().encodeToString(body.toString().getBytes(StandardCharsets.UTF_8)));
    envelope.put("content-encoding", "utf-8");
    envelope.put("content-type", "application/json");
    ObjectNode headers = envelope.putObject("headers");
    headers.put("clock", 1);
    headers.put("expires", expires);
    ObjectNode properties = envelope.putObject("properties");
    properties.put("delivery_mode", 2);
    ObjectNode info = properties.putObject("delivery_info");
    info.put("exchange", "celery.pidbox");
    info.put("routing_key", "");
    properties.put("priority", 0);
    properties.put("body_encoding", "base64");
    properties.put("delivery_tag", UUID.randomUUID().toString());
    return envelope.toString();
  }
}
