package io.fileparser.security.boundary;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.tenancy.TenantId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns the authenticated request into a {@link Caller}: from the API key the mechanism checked, or
 * from the JWT's subject, {@code groups} and tenant claim. Application-scoped: the caller is kept
 * on the request itself (an attribute), so every filter and resource of one request shares it
 * without a bean created and injected per request.
 */
@ApplicationScoped
public class CallerResolver {

  private static final String RESOLVED_ATTRIBUTE = CallerResolver.class.getName() + ".caller";

  @Inject HttpServletRequest request;
  @Inject Instance<JsonWebToken> token;

  @Inject
  @ConfigProperty(name = "fileparser.security.tenant-claim", defaultValue = "tenant_id")
  String tenantClaim;

  /**
   * The current caller.
   *
   * @throws ProblemException {@code tenant_missing} when a token names no (valid) tenant
   */
  public Caller current() {
    if (request.getAttribute(RESOLVED_ATTRIBUTE) instanceof Caller resolved) {
      return resolved;
    }
    Caller caller = resolve();
    request.setAttribute(RESOLVED_ATTRIBUTE, caller);
    return caller;
  }

  /**
   * Who is calling, as audit records name them, also for a caller whose token names no tenant (the
   * platform operator), for whom {@link #current()} has no caller.
   */
  public String subject() {
    if (request.getAttribute(CredentialsMechanism.CALLER_ATTRIBUTE) instanceof Caller c) {
      return c.subject();
    }
    JsonWebToken jwt = verifiedToken();
    return "user:" + (jwt.getSubject() != null ? jwt.getSubject() : jwt.getName());
  }

  private Caller resolve() {
    if (request.getAttribute(CredentialsMechanism.CALLER_ATTRIBUTE) instanceof Caller c) {
      return c;
    }
    return fromToken(verifiedToken(), tenantClaim);
  }

  /**
   * The token the mechanism verified for this request; the injected one (the same token, found
   * through the security context) where the mechanism did not hand it over.
   */
  private JsonWebToken verifiedToken() {
    if (request.getAttribute(CredentialsMechanism.VERIFIED_TOKEN_ATTRIBUTE)
        instanceof JsonWebToken verified) {
      return verified;
    }
    return token.get();
  }

  /**
   * The caller a verified JWT names: its tenant claim, subject and groups.
   *
   * @throws ProblemException {@code tenant_missing} when the token names no (valid) tenant
   */
  public static Caller fromToken(JsonWebToken jwt, String tenantClaim) {
    Object tenant = jwt.getClaim(tenantClaim);
    String tenantId =
        tenant instanceof JsonString s ? s.getString() : tenant == null ? null : tenant.toString();
    if (!TenantId.isValid(tenantId)) {
      throw new ProblemException(
          ProblemType.TENANT_MISSING,
          "the token has no valid '" + tenantClaim + "' claim naming the caller's tenant");
    }
    Set<String> groups = jwt.getGroups() == null ? Set.of() : jwt.getGroups();
    String subject = jwt.getSubject() != null ? jwt.getSubject() : jwt.getName();
    return new Caller(tenantId, "user:" + subject, groups, Caller.Method.JWT);
  }
}
