package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser console at {@code /parser/}, driven in Debian's headless Chromium by playwright-core
 * (tools/console-e2e, one journey per file, each with an axe-core scan of its screens and a watch
 * for script errors and Content-Security-Policy violations). Each journey gets tokens of a fresh
 * tenant for every role, a member of another tenant and the platform operator; screenshots go to
 * {@code target/console-screenshots}.
 */
class ConsoleIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static Workers worker;

  /** Workers as in production: a table no template fits waits for a person to map it. */
  @BeforeAll
  static void startWorker() {
    worker = Workers.startHoldingForMapping(2);
  }

  @AfterAll
  static void stopWorker() {
    worker.close();
  }

  @Test
  void signingInAndOut() throws Exception {
    journey("signin.test.mjs");
  }

  /**
   * The server's configured identity provider (integration-tests/pom.xml): the console's
   * authorization code flow with PKCE, checked by the provider, ends signed in with its token.
   */
  @Test
  void signingInThroughTheIdentityProvider() throws Exception {
    URI issuer =
        URI.create("http://127.0.0.1:" + Integer.getInteger("it.oidcPort", 28090) + "/idp");
    String tenant = Tenants.fresh();
    try (TestIdentityProvider provider =
        new TestIdentityProvider(issuer, "file-parser-console", tenant, "admin")) {
      try {
        journey("oidc.test.mjs", Map.of("OIDC_ISSUER", issuer.toString(), "OIDC_TENANT", tenant));
      } catch (AssertionError e) {
        throw new AssertionError(
            e.getMessage() + "\nthe provider refused: " + provider.refusals, e);
      }
      assertEquals(List.of(), provider.refusals, "the provider refused a request of the console");
      assertFalse(provider.tokensIssued.isEmpty(), "the provider issued no token");
    }
  }

  @Test
  void uploading() throws Exception {
    journey("upload.test.mjs");
  }

  @Test
  void mappingAFileNoTemplateFits() throws Exception {
    journey("mapping.test.mjs");
  }

  @Test
  void templatesVersionsDiffBacktestExportImport() throws Exception {
    journey("templates.test.mjs");
  }

  @Test
  void jobsTableAndJobPage() throws Exception {
    journey("jobs.test.mjs");
  }

  @Test
  void adminScreens() throws Exception {
    journey("admin.test.mjs");
  }

  @Test
  void notifications() throws Exception {
    journey("notifications.test.mjs");
  }

  private static void journey(String file) throws Exception {
    journey(file, Map.of());
  }

  /**
   * Runs one journey file with `node --test` ({@code extra}: more environment); its report is the
   * failure message.
   */
  private static void journey(String file, Map<String, String> extra) throws Exception {
    Path tools = TestEnvironment.repoDir().resolve("tools/console-e2e");
    NodeTools.ensureInstalled(tools, "playwright-core");
    String tenant = Tenants.fresh();
    Map<String, String> tokens = new LinkedHashMap<>();
    for (String role : List.of("viewer", "member", "admin", "owner")) {
      tokens.put(role, Tokens.bySubject(role + "-1", tenant, role));
    }
    tokens.put("other", Tokens.bySubject("member-2", Tenants.fresh(), "member"));
    tokens.put("operator", Tokens.operator());
    tokens.put("tenant", tenant);
    Map<String, String> environment = new LinkedHashMap<>(extra);
    environment.put("CONSOLE_URL", TestEnvironment.serverUri("/parser/").toString());
    environment.put("CONSOLE_TOKENS", JSON.writeValueAsString(tokens));
    environment.put("CONSOLE_BULK_MAX_ITEMS", String.valueOf(TestEnvironment.bulkMaxItems()));
    environment.put(
        "CONSOLE_SCREENSHOTS",
        Path.of("target", "console-screenshots").toAbsolutePath().toString());
    NodeTools.Result run =
        NodeTools.run(
            tools,
            900,
            environment,
            List.of("node", "--test", "--test-concurrency=1", "--test-reporter=spec", file));
    assertEquals(0, run.exit(), () -> file + " failed:\n" + run.output());
  }
}
