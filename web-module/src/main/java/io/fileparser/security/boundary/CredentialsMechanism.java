package io.fileparser.security.boundary;

import io.fileparser.api.ProblemErrorServlet;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.ApiKeyService;
import io.fileparser.security.Caller;
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
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;

/**
 * The application's one authentication mechanism. API keys ({@code X-API-Key} or {@code
 * Authorization: ApiKey ...}) are checked here; bearer tokens are handed to Payara's MicroProfile
 * JWT mechanism. Payara allows a single mechanism bean, so this one is an alternative that wraps
 * the JWT one rather than a second mechanism beside it. Every request under {@code /api/} must
 * carry credentials; failures answer 401 through the problem error page.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class CredentialsMechanism implements HttpAuthenticationMechanism {

  /** Request attribute holding the {@link Caller} of an API-key request. */
  public static final String CALLER_ATTRIBUTE = "io.fileparser.caller";

  private static final String API_KEY_HEADER = "X-API-Key";
  private static final String API_KEY_SCHEME = "apikey ";
  private static final String BEARER_SCHEME = "bearer ";

  @Inject BeanManager beanManager;
  @Inject ApiKeyService apiKeys;

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
    Optional<String> apiKey = presentedApiKey(request);
    if (apiKey.isPresent()) {
      Optional<Caller> caller = apiKeys.authenticate(apiKey.get());
      if (caller.isEmpty()) {
        return refuse(request, response, context, ProblemType.INVALID_API_KEY);
      }
      request.setAttribute(CALLER_ATTRIBUTE, caller.get());
      return context.notifyContainerAboutLogin(
          caller.get().subject(), new HashSet<>(caller.get().roles()));
    }
    String authorization = request.getHeader("Authorization");
    if (authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith(BEARER_SCHEME)) {
      AuthenticationStatus status = jwt.validateRequest(request, response, context);
      if (status != AuthenticationStatus.SUCCESS) {
        request.setAttribute(ProblemErrorServlet.PROBLEM_ATTRIBUTE, ProblemType.INVALID_TOKEN);
        if (!response.isCommitted()) {
          return refuse(request, response, context, ProblemType.INVALID_TOKEN);
        }
      }
      return status;
    }
    return refuse(request, response, context, ProblemType.AUTHENTICATION_REQUIRED);
  }

  private static Optional<String> presentedApiKey(HttpServletRequest request) {
    String header = request.getHeader(API_KEY_HEADER);
    if (header != null) {
      return Optional.of(header);
    }
    String authorization = request.getHeader("Authorization");
    if (authorization != null
        && authorization.toLowerCase(Locale.ROOT).startsWith(API_KEY_SCHEME)) {
      return Optional.of(authorization.substring(API_KEY_SCHEME.length()));
    }
    return Optional.empty();
  }

  private static AuthenticationStatus refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      ProblemType problem) {
    request.setAttribute(ProblemErrorServlet.PROBLEM_ATTRIBUTE, problem);
    response.setHeader(
        "WWW-Authenticate", "Bearer realm=\"file-parser\", ApiKey realm=\"file-parser\"");
    return context.responseUnauthorized();
  }
}
