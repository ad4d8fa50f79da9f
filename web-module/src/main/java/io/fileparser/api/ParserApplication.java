package io.fileparser.api;

import io.fileparser.security.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The REST API at {@code /api/parser}. A CDI bean, or Payara ignores {@code @LoginConfig}. Jackson
 * is registered by class name so Jersey does not fall back to JSON-B.
 */
@ApplicationScoped
@ApplicationPath("/api/parser")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE, Role.OPERATOR})
@OpenAPIDefinition(
    info =
        @Info(
            title = "File Parser API",
            version = "1",
            description =
                "Upload PDF, CSV and CDR files for parsing and follow their jobs. Errors are RFC"
                    + " 9457 problem documents with a stable type and code.",
            license = @License(name = "Proprietary")),
    tags = {
      @Tag(name = "Upload", description = "Upload a file to be scanned, validated and parsed"),
      @Tag(
          name = "Jobs",
          description =
              "Follow, list, cancel, retry and delete jobs, one or many at once; read their history and"
                  + " records"),
      @Tag(
          name = "Events",
          description =
              "Job events live: SSE streams, and tickets for the WebSocket at /api/parser/websocket"),
      @Tag(
          name = "Templates",
          description =
              "How the fields of a file layout are found and read: the tenant's templates with"
                  + " immutable versions, and the read-only system templates"),
      @Tag(
          name = "Mapping",
          description =
              "Jobs no template fits: map their columns with ranked suggestions, check, approve"),
      @Tag(name = "API keys", description = "The tenant's API keys for machine callers"),
      @Tag(
          name = "Authentication",
          description = "Who the request's credentials name: subject, tenant and roles"),
      @Tag(
          name = "Webhooks",
          description =
              "Endpoints that receive the tenant's job events, signed to the Standard Webhooks"
                  + " specification; their delivery log, resends and recovery"),
      @Tag(
          name = "Notifications",
          description =
              "The caller's own feed of notable events, read and unread, and its browser Web Push"
                  + " subscriptions"),
      @Tag(
          name = "Admin",
          description = "The platform operator's view of dependencies and parse workers")
    },
    security = {@SecurityRequirement(name = "bearer"), @SecurityRequirement(name = "apiKey")})
@SecuritySchemes({
  @SecurityScheme(
      securitySchemeName = "bearer",
      type = SecuritySchemeType.HTTP,
      scheme = "bearer",
      bearerFormat = "JWT"),
  @SecurityScheme(
      securitySchemeName = "apiKey",
      type = SecuritySchemeType.APIKEY,
      in = SecuritySchemeIn.HEADER,
      apiKeyName = "X-API-Key")
})
public class ParserApplication extends Application {

  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        "jersey.config.server.provider.classnames",
        // Roles are checked by security.boundary.RoleCheck (see AllowedRoles for why).
        "com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider",
        // Any name that is not a bundled JSON feature keeps JSON-B and MOXy out.
        "jersey.config.jsonFeature",
        "JacksonOnly",
        "jersey.config.server.wadl.disableWadl",
        true);
  }
}
