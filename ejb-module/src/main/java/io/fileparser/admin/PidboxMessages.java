package io.fileparser.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.dispatch.KombuQueues;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Celery remote control on the kombu Redis transport, as {@code celery.app.control} and {@code
 * kombu.pidbox.Mailbox} speak it (celery-contract.md, section 5). A command is a message on the
 * fan-out exchange {@code celery.pidbox} (a Redis PUBLISH on {@code /<db>.celery.pidbox}) naming
 * its {@code destination} workers; one that wants replies carries a {@code ticket} and {@code
 * reply_to} the direct exchange {@code reply.celery.pidbox} with the caller's id as routing key. A
 * worker replies by publishing to that exchange; the transport finds the queue through the
 * exchange's binding set ({@link #BINDINGS}: routing key, pattern and queue joined by the
 * transport's separator, {@link KombuQueues#binding}; kombu's default {@code \x06\x16} is ours
 * {@code :}) and LPUSHes the reply onto the queue's list ({@link #replyQueue}), so the caller adds
 * its binding first and then pops the list.
 */
final class PidboxMessages {

  static final String REPLY_EXCHANGE = "reply.celery.pidbox";

  /** The binding set of the reply exchange (kombu's {@code keyprefix_queue}). */
  static final String BINDINGS = "_kombu.binding." + REPLY_EXCHANGE;

  static final ObjectMapper JSON = new ObjectMapper();

  private PidboxMessages() {}

  /** The list a reply to {@code oid} is pushed onto. */
  static String replyQueue(String oid) {
    return oid + "." + REPLY_EXCHANGE;
  }

  /** The member of {@link #BINDINGS} that routes replies for {@code oid} to its queue. */
  static String binding(String oid) {
    return KombuQueues.binding(oid, replyQueue(oid));
  }

  /**
   * The envelope of {@code command} for {@code destination}, replied to {@code oid} with {@code
   * ticket} when the ticket is not null.
   */
  static String command(
      WorkerCommand command,
      List<String> destination,
      String ticket,
      String oid,
      long expiresEpochSeconds) {
    ObjectNode body = JSON.createObjectNode();
    body.put("method", command.method());
    body.set("arguments", JSON.valueToTree(command.arguments()));
    body.set("destination", JSON.valueToTree(destination));
    body.putNull("pattern");
    body.putNull("matcher");
    if (ticket != null) {
      body.put("ticket", ticket);
      ObjectNode replyTo = body.putObject("reply_to");
      replyTo.put("exchange", REPLY_EXCHANGE);
      replyTo.put("routing_key", oid);
    }
    return KombuQueues.pidboxEnvelope(body, expiresEpochSeconds);
  }

  /**
   * The reply in a message popped from the reply queue: {@code {"<worker>": <answer>}}, if the
   * message carries {@code ticket} (a late reply to an earlier command is skipped).
   */
  static Optional<JsonNode> reply(String message, String ticket) {
    try {
      JsonNode envelope = JSON.readTree(message);
      if (!ticket.equals(envelope.path("headers").path("ticket").asText(null))) {
        return Optional.empty();
      }
      JsonNode body = envelope.path("body");
      String text =
          "base64".equals(envelope.path("properties").path("body_encoding").asText())
              ? new String(Base64.getDecoder().decode(body.asText()), StandardCharsets.UTF_8)
              : body.isTextual() ? body.asText() : body.toString();
      JsonNode reply = JSON.readTree(text);
      return reply != null && reply.isObject() ? Optional.of(reply) : Optional.empty();
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
