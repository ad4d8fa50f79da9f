package io.fileparser.ratelimit;

/**
 * What the limiter decided for one request.
 *
 * @param allowed whether the request may go on
 * @param remaining requests the caller may still make at once under the policy
 * @param resetSeconds seconds until the whole quota is back
 * @param retryAfterSeconds for a refused request, seconds until one more is allowed (else 0)
 */
public record RateDecision(
    RatePolicy policy, boolean allowed, long remaining, long resetSeconds, long retryAfterSeconds) {

  /** The {@code RateLimit} field: {@code "read";r=1187;t=3}. */
  public String header() {
    return "\"" + policy.name() + "\";r=" + remaining + ";t=" + resetSeconds;
  }
}
