package io.fileparser.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fileparser.security.boundary.PresentedCredentials.Kind;
import org.junit.jupiter.api.Test;

class PresentedCredentialsTest {

  @Test
  void noHeadersMeansNoCredentials() {
    assertEquals(Kind.NONE, PresentedCredentials.from(null, null).kind());
    assertEquals(Kind.NONE, PresentedCredentials.from(" ", "  ").kind());
  }

  @Test
  void apiKeyHeaderWinsOverAuthorization() {
    PresentedCredentials c = PresentedCredentials.from(" fpk_abc ", "Bearer eyJ");
    assertEquals(Kind.API_KEY, c.kind());
    assertEquals("fpk_abc", c.value());
  }

  @Test
  void apiKeySchemeIsCaseInsensitive() {
    PresentedCredentials c = PresentedCredentials.from(null, "APIKEY   fpk_abc");
    assertEquals(Kind.API_KEY, c.kind());
    assertEquals("fpk_abc", c.value());
  }

  @Test
  void bearerSchemeIsCaseInsensitive() {
    PresentedCredentials c = PresentedCredentials.from(null, "bEaReR eyJ.x.y");
    assertEquals(Kind.BEARER, c.kind());
    assertEquals("eyJ.x.y", c.value());
  }

  @Test
  void bearerWithoutTokenIsStillBearerSoTheTokenCheckRefusesIt() {
    PresentedCredentials c = PresentedCredentials.from(null, "Bearer");
    assertEquals(Kind.BEARER, c.kind());
    assertEquals("", c.value());
  }

  @Test
  void otherSchemesAreUnsupported() {
    assertEquals(Kind.UNSUPPORTED, PresentedCredentials.from(null, "Basic dXNlcjpwYXNz").kind());
    assertEquals(Kind.UNSUPPORTED, PresentedCredentials.from(null, "Bearerx abc").kind());
    assertNull(PresentedCredentials.from(null, "Digest x").value());
  }

  @Test
  void toStringNeverShowsTheSecret() {
    assertEquals(
        "PresentedCredentials[API_KEY]", PresentedCredentials.from("fpk_secret", null).toString());
  }
}
