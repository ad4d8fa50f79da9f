package io.fileparser.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.broker.RedisConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import redis.clients.jedis.params.SetParams;

/**
 * Single-use, short-lived tickets that open a WebSocket for a browser, which cannot set headers on
 * one: an authenticated caller asks for a ticket, and the handshake presents it in the query
 * string. A ticket stands for the caller who asked (tenant, subject, roles), is kept in Redis so
 * any instance can take it, and is gone once taken or expired, so a ticket that leaks into a log is
 * worthless by the time anyone reads it.
 */
@ApplicationScoped
public class WebSocketTickets {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern TICKET = Pattern.compile("wst_[A-Za-z0-9_-]{43}");

  /** A ticket and when it expires. */
  public record Ticket(String ticket, Instant expiresAt) {}

  @Inject RedisConnection redis;

  @Inject
  @ConfigProperty(name = "fileparser.websocket.ticket-ttl-s", defaultValue = "30")
  int ttlSeconds;

  /** Issues a ticket standing for {@code caller}. */
  public Ticket issue(Caller caller) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String ticket = "wst_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ObjectNode value = JSON.createObjectNode();
    value.put("tenantId", caller.tenantId());
    value.put("subject", caller.subject());
    value.put("method", caller.method().name());
    caller.roles().forEach(value.putArray("roles")::add);
    redis.pool().set(key(ticket), value.toString(), SetParams.setParams().ex(ttlSeconds));
    return new Ticket(ticket, Instant.now().plus(Duration.ofSeconds(ttlSeconds)));
  }

  /** Takes a ticket: the caller it stands for, once; empty when unknown, used or expired. */
  public Optional<Caller> redeem(String ticket) {
    if (ticket == null || !TICKET.matcher(ticket).matches()) {
      return Optional.empty();
    }
    String value = redis.pool().getDel(key(ticket));
    if (value == null) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(value);
      Set<String> roles = new HashSet<>();
      node.path("roles").forEach(role -> roles.add(role.asText()));
      return Optional.of(
          new Caller(
              node.path("tenantId").asText(),
              node.path("subject").asText(),
              roles,
              Caller.Method.valueOf(node.path("method").asText())));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private String key(String ticket) {
    return "fileparser:ws-ticket:" + ticket;
  }
}
