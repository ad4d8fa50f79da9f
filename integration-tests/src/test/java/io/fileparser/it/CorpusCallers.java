package io.fileparser.it;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Who sends the corpus: callers of one tenant of its own that may call each operation, so that a
 * refusal is about the request and not about the caller, and a small CSV for bodies that must
 * otherwise be acceptable.
 */
record CorpusCallers(String tenant, String owner, String member, String operator) {

  static CorpusCallers forFreshTenant() {
    String tenant = Tenants.fresh();
    return new CorpusCallers(
        tenant, Tokens.of(tenant, "owner"), Tokens.of(tenant, "member"), Tokens.operator());
  }

  /** A token that may call the operation: the operator for /admin, a member uploads, else owner. */
  String tokenFor(String method, String path) {
    if (path.startsWith("/admin")) {
      return operator;
    }
    if (path.equals("/upload")) {
      return member;
    }
    return owner;
  }

  /** A CSV the API would accept if nothing else were wrong with the request; unique per call. */
  static byte[] csv() {
    return ("id,name,amount\n1,corpus," + UUID.randomUUID() + "\n2,corpus,2\n3,corpus,3\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The path below the server root of an API path such as {@code /jobs}. */
  static String api(String path) {
    return "/api/parser" + path;
  }
}
