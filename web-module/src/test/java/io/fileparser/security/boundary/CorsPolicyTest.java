package io.fileparser.security.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorsPolicyTest {

  @Test
  void allowsExactlyTheListedOrigins() {
    CorsPolicy policy = CorsPolicy.of(" https://console.example.com/ , http://localhost:5173");

    assertTrue(policy.allows("https://console.example.com"));
    assertTrue(policy.allows("HTTPS://Console.Example.com"));
    assertTrue(policy.allows("http://localhost:5173"));
    assertFalse(policy.allows("https://console.example.com.evil.test"));
    assertFalse(policy.allows("http://console.example.com"));
    assertFalse(policy.allows("https://localhost:5173"));
    assertFalse(policy.allows("null"));
    assertFalse(policy.allows(null));
  }

  @Test
  void withNothingListedNoOriginIsAllowed() {
    assertFalse(CorsPolicy.of(null).allows("https://console.example.com"));
    assertFalse(CorsPolicy.of(" , ").allows(""));
  }

  @Test
  void aPreflightIsAnOptionsRequestNamingAMethodFromAnOrigin() {
    assertTrue(CorsPolicy.isPreflight("OPTIONS", "https://a.example", "PATCH"));
    assertFalse(CorsPolicy.isPreflight("OPTIONS", "https://a.example", null));
    assertFalse(CorsPolicy.isPreflight("OPTIONS", null, "PATCH"));
    assertFalse(CorsPolicy.isPreflight("GET", "https://a.example", "PATCH"));
  }
}
