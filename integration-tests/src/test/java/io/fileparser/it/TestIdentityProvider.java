package io.fileparser.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An OpenID Connect provider for the console's sign-in, on loopback (JDK HttpServer): discovery, an
 * authorization endpoint that signs the configured user in at once and sends the browser back with
 * a code, and a token endpoint that checks the PKCE verifier (S256), the redirect URI and the
 * client before it answers with an access token the API accepts (signed by the key the test server
 * trusts) and an ID token with the sign-in's nonce. Every refusal is recorded in {@link #refusals}.
 */
final class TestIdentityProvider implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Grant(
      String clientId, String redirectUri, String challenge, String nonce, String subject) {}

  private final HttpServer server;
  private final String issuer;
  private final String clientId;
  private final String tenant;
  private final String role;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  final List<String> refusals = new CopyOnWriteArrayList<>();
  final List<String> tokensIssued = new CopyOnWriteArrayList<>();

  /** Listens on {@code issuer}'s port and path; signs in {@code subject} of {@code tenant}. */
  TestIdentityProvider(URI issuer, String clientId, String tenant, String role) throws IOException {
    this.issuer = issuer.toString();
    this.clientId = clientId;
    this.tenant = tenant;
    this.role = role;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", issuer.getPort()), 0);
    String path = issuer.getPath();
    server.createContext(path + "/.well-known/openid-configuration", this::discovery);
    server.createContext(path + "/authorize", this::authorize);
    server.createContext(path + "/token", this::token);
    server.start();
  }

  private void discovery(HttpExchange exchange) throws IOException {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", issuer);
    document.put("authorization_endpoint", issuer + "/authorize");
    document.put("token_endpoint", issuer + "/token");
    document.put("response_types_supported", List.of("code"));
    document.put("code_challenge_methods_supported", List.of("S256"));
    json(exchange, 200, document);
  }

  private void authorize(HttpExchange exchange) throws IOException {
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    String redirect = query.get("redirect_uri");
    if (!"code".equals(query.get("response_type"))
        || !clientId.equals(query.get("client_id"))
        || !"S256".equals(query.get("code_challenge_method"))
        || query.get("code_challenge") == null
        || query.get("state") == null
        || redirect == null) {
      refusals.add("authorize: " + query);
      json(exchange, 400, Map.of("error", "invalid_request"));
      return;
    }
    String code = UUID.randomUUID().toString();
    codes.put(
        code,
        new Grant(
            clientId, redirect, query.get("code_challenge"), query.get("nonce"), "sso-" + role));
    exchange
        .getResponseHeaders()
        .add(
            "Location",
            redirect
                + (redirect.contains("?") ? "&" : "?")
                + "code="
                + code
                + "&state="
                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8));
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private void token(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
    if ("OPTIONS".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().add("Access-Control-Allow-Headers", "content-type, accept");
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
      return;
    }
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Grant grant = codes.remove(form.getOrDefault("code", ""));
    String refusal =
        grant == null
            ? "unknown or used code"
            : !"authorization_code".equals(form.get("grant_type"))
                ? "grant_type " + form.get("grant_type")
                : !grant.clientId().equals(form.get("client_id"))
                    ? "client_id " + form.get("client_id")
                    : !grant.redirectUri().equals(form.get("redirect_uri"))
                        ? "redirect_uri " + form.get("redirect_uri")
                        : !grant.challenge().equals(s256(form.getOrDefault("code_verifier", "")))
                            ? "code_verifier does not match the challenge"
                            : null;
    if (refusal != null) {
      refusals.add("token: " + refusal);
      json(exchange, 400, Map.of("error", "invalid_grant", "error_description", refusal));
      return;
    }
    String access = Tokens.bySubject(grant.subject(), tenant, role);
    tokensIssued.add(access);
    json(
        exchange,
        200,
        Map.of(
            "access_token",
            access,
            "id_token",
            Tokens.idToken(grant.subject(), tenant, clientId, grant.nonce()),
            "token_type",
            "Bearer",
            "expires_in",
            3600));
  }

  private static String s256(String verifier) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(
              MessageDigest.getInstance("SHA-256")
                  .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> values = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return values;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      values.put(name, value);
    }
    return values;
  }

  private static void json(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
