package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/**
 * The HTTPS listener {@code payara/run} sets up: it presents the certificate signed by the
 * development certificate authority ({@code var/keys/dev-ca.pem}) for this machine's names, speaks
 * TLS 1.3 and 1.2, serves the API with the same authentication, and tells browsers to stay on HTTPS
 * (HSTS), which the plain listener does not.
 */
class HttpsIT {

  @Test
  void theApiAnswersOverTlsWithTheDevelopmentCertificateAndHsts() throws Exception {
    HttpClient client = client(trustingDevelopmentCa(), null);
    HttpResponse<String> live =
        client.send(get("/health/live"), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, live.statusCode(), live::body);
    assertEquals(
        Optional.of("max-age=31536000"), live.headers().firstValue("Strict-Transport-Security"));
    assertTrue(live.headers().firstValue("Server").isEmpty(), "no server header over TLS either");
    SSLSession session = live.sslSession().orElseThrow();
    assertEquals("TLSv1.3", session.getProtocol());
    X509Certificate presented = (X509Certificate) session.getPeerCertificates()[0];
    assertTrue(
        presented.getIssuerX500Principal().getName().contains("File Parser API development CA"),
        () -> "issued by the development CA: " + presented.getIssuerX500Principal());

    HttpResponse<String> jobs =
        client.send(
            HttpRequest.newBuilder(api("/jobs"))
                .header("Authorization", "Bearer " + Tokens.of(Tenants.fresh(), "viewer"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, jobs.statusCode(), jobs::body);
    HttpResponse<String> anonymous =
        client.send(
            HttpRequest.newBuilder(api("/jobs")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode(), anonymous::body);
  }

  @Test
  void tls12IsSpokenToo() throws Exception {
    SSLParameters tls12 = new SSLParameters();
    tls12.setProtocols(new String[] {"TLSv1.2"});
    HttpResponse<String> live =
        client(trustingDevelopmentCa(), tls12)
            .send(get("/health/live"), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, live.statusCode());
    assertEquals("TLSv1.2", live.sslSession().orElseThrow().getProtocol());
  }

  @Test
  void theCertificateNamesTheLoopbackAddressToo() throws Exception {
    URI byAddress =
        URI.create("https://127.0.0.1:" + TestEnvironment.tlsBaseUri().getPort() + "/health/live");
    HttpResponse<String> live =
        client(trustingDevelopmentCa(), null)
            .send(HttpRequest.newBuilder(byAddress).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, live.statusCode());
  }

  @Test
  void aClientThatDoesNotTrustTheDevelopmentCaRefusesTheConnection() throws Exception {
    HttpClient defaults = client(SSLContext.getDefault(), null);
    assertThrows(
        SSLHandshakeException.class,
        () -> defaults.send(get("/health/live"), HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void thePlainListenerSendsNoHsts() throws Exception {
    ApiResponse plain = Api.call("GET", TestEnvironment.serverUri("/health/live")).send();
    assertEquals(200, plain.status());
    assertTrue(plain.header("Strict-Transport-Security").isEmpty(), plain::toString);
  }

  private static HttpRequest get(String path) {
    return HttpRequest.newBuilder(TestEnvironment.tlsBaseUri().resolve(path))
        .timeout(Duration.ofSeconds(30))
        .build();
  }

  private static URI api(String path) {
    return TestEnvironment.tlsBaseUri().resolve("/api/parser" + path);
  }

  private static HttpClient client(SSLContext context, SSLParameters parameters) {
    HttpClient.Builder builder =
        HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10));
    if (parameters != null) {
      builder.sslParameters(parameters);
    }
    return builder.build();
  }

  /** A context that trusts the development certificate authority only. */
  private static SSLContext trustingDevelopmentCa() {
    return TrustStores.trusting(TestEnvironment.varDir().resolve("keys/dev-ca.pem"));
  }
}
