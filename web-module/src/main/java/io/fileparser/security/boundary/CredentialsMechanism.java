package io.fileparser.security.boundary;

import io.fileparser.api.ProblemErrorServlet;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.ApiKeyCheck;
import io.fileparser.security.ApiKeyService;
import io.fileparser.security.AuthFailureReason;
import io.fileparser.security.AuthenticationFailures;
import io.fileparser.security.Caller;
import io.fileparser.security.WebSocketTickets;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The application's one authentication mechanism. API keys ({@code X-API-Key} or {@code
 * Authorization: ApiKey ...}) are checked here; bearer tokens are handed to Payara's MicroProfile
 * JWT mechanism. Payara allows a single mechanism bean, so this one is an alternative that wraps
 * the JWT one rather than a second mechanism beside it. Every request under {@code /api/} must
 * carry credentials; failures answer 401 through the problem error page.
 *
 * <p>Payara's mechanism checks a token's signature, issuer, audience ({@code
 * mp.jwt.verify.audiences}), expiry with the allowed clock skew ({@code mp.jwt.verify.clock.skew})
 * and maximum age after {@code iat} ({@code mp.jwt.verify.token.age}); the system tests prove each,
 * so none of it is repeated here.
 *
 * <p>Every refusal is reported to {@link AuthenticationFailures}, which counts it for the audit
 * trail's per-window record of authentication failures (never the presented secret).
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class CredentialsMechanism implements HttpAuthenticationMechanism {

  /** Request attribute holding the {@link Caller} of an API-key request. */
  public static final String CALLER_ATTRIBUTE = "io.fileparser.caller";

  /**
   * Request attribute holding the {@link JsonWebToken} Payara's mechanism has just verified, so
   * that reading the caller costs no lookup: the injected token is produced through the security
   * context's caller-principal search (a reflective subject parse) on every request.
   */
  public static final String VERIFIED_TOKEN_ATTRIBUTE = "io.fileparser.verified-token";

  /**
   * Request attribute holding the roles the login gave the caller (a {@code Set<String>}): an API
   * key's roles or a token's groups. {@link RoleCheck} decides with them.
   */
  public static final String ROLES_ATTRIBUTE = "io.fileparser.roles";

  private static final String API_KEY_HEADER = "X-API-Key";
  private static final String TICKET_PARAMETER = "ticket";

  /** The WebSocket endpoint, below the context root. */
  public static final String WEBSOCKET_PATH = "/api/parser/websocket";

  private static final Logger LOG = Logger.getLogger(CredentialsMechanism.class.getName());

  @Inject BeanManager beanManager;
  @Inject ApiKeyService apiKeys;
  @Inject WebSocketTickets tickets;
  @Inject AuthenticationFailures failures;
  @Inject VerifiedTokens verifiedTokens;

  private HttpAuthenticationMechanism jwt;

  @PostConstruct
  void findJwtMechanism() {
    for (Bean<?> bean :
        beanManager.getBeans(HttpAuthenticationMechanism.class, Any.Literal.INSTANCE)) {
      if (!CredentialsMechanism.class.isAssignableFrom(bean.getBeanClass())) {
        jwt =
            (HttpAuthenticationMechanism)
                beanManager.getReference(
                    bean,
                    HttpAuthenticationMechanism.class,
                    beanManager.createCreationalContext(bean));
        return;
      }
    }
    throw new IllegalStateException("Payara's MicroProfile JWT mechanism is not available");
  }

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context)
      throws AuthenticationException {
    if (!request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
      return context.doNothing();
    }
    if (CorsPolicy.isPreflight(
        request.getMethod(),
        request.getHeader("Origin"),
        request.getHeader("Access-Control-Request-Method"))) {
      return context.doNothing(); // a browser sends none; BrowserSafetyFilter answers it
    }
    PresentedCredentials credentials =
        PresentedCredentials.from(
            request.getHeader(API_KEY_HEADER), request.getHeader("Authorization"));
    return switch (credentials.kind()) {
      case API_KEY -> loginWithApiKey(credentials.value(), request, context);
      case BEARER -> loginWithJwt(credentials.value(), request, response, context);
      case UNSUPPORTED -> {
        failures.refused(AuthFailureReason.SCHEME_UNSUPPORTED, request.getRemoteAddr());
        yield refuse(request, context, ProblemType.INVALID_TOKEN);
      }
      case NONE -> {
        if (isWebSocketHandshake(request) && request.getParameter(TICKET_PARAMETER) != null) {
          yield loginWithTicket(request.getParameter(TICKET_PARAMETER), request, context);
        }
        failures.refused(AuthFailureReason.CREDENTIALS_MISSING, request.getRemoteAddr());
        yield refuse(request, context, ProblemType.AUTHENTICATION_REQUIRED);
      }
    };
  }

  /**
   * A browser opening the WebSocket presents a single-use ticket in the query string, the only
   * place it can put one; nowhere else is a ticket accepted.
   */
  private AuthenticationStatus loginWithTicket(
      String ticket, HttpServletRequest request, HttpMessageContext context) {
    Optional<Caller> caller = tickets.redeem(ticket);
    if (caller.isEmpty()) {
      failures.refused(AuthFailureReason.TICKET_INVALID, request.getRemoteAddr());
      return refuse(request, context, ProblemType.INVALID_TOKEN);
    }
    return login(caller.get(), request, context);
  }

  private static boolean isWebSocketHandshake(HttpServletRequest request) {
    return request.getRequestURI().equals(request.getContextPath() + WEBSOCKET_PATH)
        && "GET".equals(request.getMethod());
  }

  private AuthenticationStatus loginWithApiKey(
      String presented, HttpServletRequest request, HttpMessageContext context) {
    ApiKeyCheck check = apiKeys.check(presented);
    if (check.accepted().isEmpty()) {
      failures.refused(check, request.getRemoteAddr());
      return refuse(request, context, ProblemType.INVALID_API_KEY);
    }
    return login(check.accepted().get(), request, context);
  }

  private static AuthenticationStatus login(
      Caller caller, HttpServletRequest request, HttpMessageContext context) {
    request.setAttribute(CALLER_ATTRIBUTE, caller);
    request.setAttribute(ROLES_ATTRIBUTE, caller.roles());
    return context.notifyContainerAboutLogin(
        new CallerIdentity(caller), new HashSet<>(caller.roles()));
  }

  private AuthenticationStatus loginWithJwt(
      String token,
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context)
      throws AuthenticationException {
    Instant now = Instant.now();
    Optional<VerifiedTokens.Verified> known = verifiedTokens.recall(token, now);
    if (known.isPresent()) {
      return loginWithVerified(known.get(), request, context);
    }
    AuthenticationStatus status = jwt.validateRequest(request, response, context);
    if (status == AuthenticationStatus.SUCCESS) {
      if (context.getCallerPrincipal() instanceof JsonWebToken verified) {
        request.setAttribute(VERIFIED_TOKEN_ATTRIBUTE, verified);
        request.setAttribute(
            ROLES_ATTRIBUTE, verifiedTokens.remember(token, verified, now).groups());
      }
      return status;
    }
    failures.refusedToken(token, request.getRemoteAddr());
    // One line, and only when asked for: refused tokens are the client's mistake or an attack,
    // and a flood of them must not flood the log (see config/domain/resources.asadmin).
    LOG.fine(() -> "bearer token refused: " + request.getMethod() + " " + request.getRequestURI());
    request.setAttribute(ProblemErrorServlet.PROBLEM_ATTRIBUTE, ProblemType.INVALID_TOKEN);
    // Payara's mechanism may have sent the 401 already; the error page reads the precise problem.
    return response.isCommitted() ? status : refuse(request, context, ProblemType.INVALID_TOKEN);
  }

  /**
   * Logs in with a token Payara's mechanism verified earlier ({@link VerifiedTokens}): the same
   * principal and groups that mechanism gave the container then.
   */
  private static AuthenticationStatus loginWithVerified(
      VerifiedTokens.Verified verified, HttpServletRequest request, HttpMessageContext context) {
    request.setAttribute(VERIFIED_TOKEN_ATTRIBUTE, verified.token());
    request.setAttribute(ROLES_ATTRIBUTE, verified.groups());
    return context.notifyContainerAboutLogin(verified.token(), verified.groups());
  }

  /**
   * Answers 401 through the problem error page, which also sends the WWW-Authenticate challenge.
   */
  private static AuthenticationStatus refuse(
      HttpServletRequest request, HttpMessageContext context, ProblemType problem) {
    request.setAttribute(ProblemErrorServlet.PROBLEM_ATTRIBUTE, problem);
    return context.responseUnauthorized();
  }
}
