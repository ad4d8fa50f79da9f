package io.fileparser.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@link RedisConnection} against a real redis-server that speaks only TLS and wants a password:
 * the pool and the subscriber connections authenticate as the ACL user over TLS, trusting the
 * configured CA, and refuse a server whose certificate does not name the host they asked for.
 */
class RedisConnectionTlsTest {

  @TempDir static Path directory;
  private static TlsRedisServer server;

  @BeforeAll
  static void startServer() throws Exception {
    server = TlsRedisServer.start(directory);
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void poolAndSubscriberAuthenticateAsTheAclUserOverTls() {
    RedisConnection connection =
        open(
            "rediss://127.0.0.1:" + server.port() + "/4",
            TlsRedisServer.USER,
            TlsRedisServer.PASSWORD,
            server.caFile().toString());
    try {
      assertEquals("PONG", connection.pool().ping());
      assertEquals(TlsRedisServer.USER, whoAmI(connection));
      try (Jedis subscriber = connection.subscriber()) {
        assertEquals(TlsRedisServer.USER, subscriber.aclWhoAmI());
        assertTrue(subscriber.clientInfo().contains(" db=4 "), subscriber::clientInfo);
      }
    } finally {
      connection.close();
    }
  }

  @Test
  void passwordAloneAuthenticatesAsTheDefaultUser() {
    RedisConnection connection =
        open(
            "rediss://127.0.0.1:" + server.port() + "/0",
            null,
            TlsRedisServer.DEFAULT_PASSWORD,
            server.caFile().toString());
    try {
      assertEquals("default", whoAmI(connection));
    } finally {
      connection.close();
    }
  }

  @Test
  void wrongPasswordIsRefused() {
    RedisConnection connection =
        open(
            "rediss://127.0.0.1:" + server.port() + "/0",
            TlsRedisServer.USER,
            "not-the-password",
            server.caFile().toString());
    try {
      JedisException e = assertThrows(JedisException.class, () -> connection.pool().ping());
      assertTrue(hasCause(e, JedisAccessControlException.class), () -> e.toString());
    } finally {
      connection.close();
    }
  }

  @Test
  void certificateNotNamingTheHostIsRefused() {
    // The certificate names 127.0.0.1 only; "localhost" reaches the same server.
    RedisConnection connection =
        open(
            "rediss://localhost:" + server.port() + "/0",
            TlsRedisServer.USER,
            TlsRedisServer.PASSWORD,
            server.caFile().toString());
    try {
      JedisException e = assertThrows(JedisException.class, () -> connection.pool().ping());
      assertTrue(hasCause(e, SSLHandshakeException.class), () -> e.toString());
    } finally {
      connection.close();
    }
  }

  @Test
  void serverOutsideTheTrustStoreIsRefused() {
    RedisConnection connection =
        open(
            "rediss://127.0.0.1:" + server.port() + "/0",
            TlsRedisServer.USER,
            TlsRedisServer.PASSWORD,
            null);
    try {
      JedisException e = assertThrows(JedisException.class, () -> connection.pool().ping());
      assertTrue(hasCause(e, SSLHandshakeException.class), () -> e.toString());
    } finally {
      connection.close();
    }
  }

  private static RedisConnection open(String uri, String user, String password, String caFile) {
    RedisConnection connection = new RedisConnection();
    connection.uri = uri;
    connection.username = Optional.ofNullable(user);
    connection.password = Optional.ofNullable(password);
    connection.caFile = Optional.ofNullable(caFile);
    connection.open();
    return connection;
  }

  private static String whoAmI(RedisConnection connection) {
    Object reply =
        connection.pool().sendCommand(redis.clients.jedis.Protocol.Command.ACL, "WHOAMI");
    return reply instanceof byte[] bytes ? new String(bytes) : String.valueOf(reply);
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
