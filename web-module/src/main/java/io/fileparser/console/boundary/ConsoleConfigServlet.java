package io.fileparser.console.boundary;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /parser/config.json}: what the console needs to know before anyone signs in, from the
 * server's configuration: the identity provider to sign in with ({@code
 * fileparser.console.oidc.*}), or none (then a token or API key is pasted). Public: it holds
 * nothing secret (a public client has no secret).
 */
@WebServlet(ConsolePages.PATH + "/config.json")
public class ConsoleConfigServlet extends HttpServlet {

  @Inject
  @ConfigProperty(name = "fileparser.console.oidc.issuer")
  Optional<String> issuer;

  @Inject
  @ConfigProperty(name = "fileparser.console.oidc.client-id")
  Optional<String> clientId;

  @Inject
  @ConfigProperty(name = "fileparser.console.oidc.scope", defaultValue = "openid")
  String scope;

  /** Which of the provider's tokens the API accepts: access_token (default) or id_token. */
  @Inject
  @ConfigProperty(name = "fileparser.console.oidc.token", defaultValue = "access_token")
  String token;

  /** The provider's name on the sign-in button. */
  @Inject
  @ConfigProperty(name = "fileparser.console.oidc.name", defaultValue = "your company account")
  String name;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    JsonObjectBuilder config =
        Json.createObjectBuilder().add("apiBase", request.getContextPath() + "/api/parser");
    if (issuer.isPresent() && clientId.isPresent()) {
      config.add(
          "oidc",
          Json.createObjectBuilder()
              .add("issuer", issuer.get())
              .add("clientId", clientId.get())
              .add("scope", scope)
              .add("token", token)
              .add("name", name));
    } else {
      config.addNull("oidc");
    }
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(config.build().toString());
  }
}
