package io.fileparser.broker;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Where Redis is and how to reach it: address, database, ACL user and password, and TLS. Built from
 * {@code fileparser.redis.uri} ({@code redis://} plain, {@code rediss://} TLS; {@code
 * [user[:password]@]host[:port][/db]}) and the separate {@code fileparser.redis.username}, {@code
 * fileparser.redis.password} and {@code fileparser.redis.tls.ca-file} settings, which win over what
 * the URI says.
 *
 * <p>The password belongs in its own setting (a secret the server keeps out of command lines and
 * readable files), not in the URI; one in the URI is still honoured. {@code caFile} null means the
 * JVM's trust store. A CA file without {@code rediss://} is refused rather than ignored: whoever
 * set it expects TLS.
 */
public record RedisSettings(
    String host, int port, int database, boolean tls, String user, String password, Path caFile) {

  public static final int DEFAULT_PORT = 6379;

  public RedisSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the Redis URI names no host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("not a Redis port: " + port);
    }
    if (database < 0) {
      throw new IllegalArgumentException("not a Redis database number: " + database);
    }
    user = blankToNull(user);
    password = password == null || password.isEmpty() ? null : password;
    if (caFile != null && !tls) {
      throw new IllegalArgumentException(
          "fileparser.redis.tls.ca-file is set but the Redis URI is redis://; use rediss:// for"
              + " TLS");
    }
  }

  /**
   * Reads the settings; each of {@code username}, {@code password} and {@code caFile} may be null
   * or empty (not set).
   *
   * @throws IllegalArgumentException for a URI that is not {@code redis://} or {@code rediss://}
   *     with a host, or a database that is not a number; the message never contains a password
   */
  public static RedisSettings of(String uri, String username, String password, String caFile) {
    URI parsed;
    try {
      parsed = new URI(uri == null ? "" : uri.strip());
    } catch (URISyntaxException e) {
      // The input may hold a password: name only what is wrong.
      throw new IllegalArgumentException("fileparser.redis.uri is not a URI: " + e.getReason());
    }
    String scheme = parsed.getScheme();
    if (!"redis".equalsIgnoreCase(scheme) && !"rediss".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException(
          "fileparser.redis.uri must start with redis:// or rediss://, not " + scheme + "://");
    }
    String uriUser = null;
    String uriPassword = null;
    String userInfo = parsed.getUserInfo();
    if (userInfo != null && !userInfo.isEmpty()) {
      int colon = userInfo.indexOf(':');
      uriUser = colon < 0 ? userInfo : userInfo.substring(0, colon);
      uriPassword = colon < 0 ? null : userInfo.substring(colon + 1);
    }
    String chosenUser = blankToNull(username) != null ? username.strip() : uriUser;
    String chosenPassword = password != null && !password.isEmpty() ? password : uriPassword;
    return new RedisSettings(
        parsed.getHost(),
        parsed.getPort() < 0 ? DEFAULT_PORT : parsed.getPort(),
        database(parsed.getPath()),
        "rediss".equalsIgnoreCase(scheme),
        chosenUser,
        chosenPassword,
        blankToNull(caFile) == null ? null : Path.of(caFile.strip()));
  }

  private static int database(String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return 0;
    }
    String number = path.substring(1);
    if (!number.matches("[0-9]{1,5}")) {
      throw new IllegalArgumentException(
          "the Redis URI's path must be a database number, not " + path);
    }
    return Integer.parseInt(number);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** Whether the client must authenticate (AUTH with a password, as the user if one is named). */
  public boolean authenticates() {
    return password != null;
  }

  /** For logs and the operator's health view: never the password. */
  public String describe() {
    return (tls ? "rediss://" : "redis://")
        + (user == null ? "" : user + "@")
        + host
        + ":"
        + port
        + "/"
        + database;
  }

  /** Never prints the password: settings end up in logs and exception messages. */
  @Override
  public String toString() {
    return "RedisSettings[%s, password=%s, caFile=%s]"
        .formatted(describe(), password == null ? null : "****", caFile);
  }
}
