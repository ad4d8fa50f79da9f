package io.fileparser.ratelimit;

import java.util.Locale;

/**
 * What kind of work a request asks for, each with a quota of its own: reading costs the server
 * little, a change more, and an upload most (it is streamed, hashed, scanned and stored).
 */
public enum EndpointClass {
  /** GET, HEAD and OPTIONS: status, lists, results, live streams. */
  READ,
  /**
   * Any other change: cancel, retry, delete, mapping, templates, keys, a resumable upload's chunk.
   */
  WRITE,
  /** A new upload: a whole file, or a resumable upload created. */
  UPLOAD;

  /** The policy name clients see in {@code RateLimit-Policy} and {@code RateLimit}. */
  public String policyName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The class of a request by its method and its path below the API's root ({@code upload}, {@code
   * upload/stream/…}, {@code jobs/…}).
   */
  public static EndpointClass of(String method, String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "GET", "HEAD", "OPTIONS" -> READ;
      case "POST" -> p.equals("upload") || p.equals("upload/stream") ? UPLOAD : WRITE;
      default -> WRITE;
    };
  }

  /**
   * Whether a request streams an upload's bytes: a whole file, a resumable upload created (it may
   * carry its first bytes) or a chunk appended. These count against the tenant's cap of uploads
   * streaming at once.
   */
  public static boolean streamsUpload(String method, String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "POST" -> p.equals("upload") || p.equals("upload/stream");
      case "PATCH" -> p.startsWith("upload/stream/") && p.indexOf('/', 14) < 0;
      default -> false;
    };
  }
}
