package io.fileparser.ratelimit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The quota of each endpoint class per tenant tier. Defaults below; each is overridden by {@code
 * fileparser.rate-limit.<tier>.<class>} ({@code <quota>/<window seconds>}, e.g. {@code
 * fileparser.rate-limit.standard.read=1200/60}). A tier without a policy of its own (one added to
 * the tenants table later) has the standard tier's.
 *
 * <p>The defaults let an interactive client and a batch integration work without ever meeting the
 * limit, and stop a runaway loop within seconds: a standard tenant's principal may read 20 times a
 * second, change 5 times a second and start 2 uploads a second, each with the minute's quota as its
 * burst.
 */
@ApplicationScoped
public class RatePolicies {

  /** Requests per minute, by tier and class (read, write, upload). */
  static final Map<String, int[]> PER_MINUTE =
      Map.of(
          "free", new int[] {300, 60, 20},
          "standard", new int[] {1200, 300, 120},
          "premium", new int[] {3000, 600, 300},
          "enterprise", new int[] {6000, 1200, 600});

  /** Uploads streaming at once per tenant, by tier. */
  static final Map<String, Integer> CONCURRENT_UPLOADS =
      Map.of("free", 2, "standard", 10, "premium", 20, "enterprise", 50);

  static final String KEY_PREFIX = "fileparser.rate-limit.";

  private static final Logger LOG = Logger.getLogger(RatePolicies.class.getName());

  @Inject Config config;

  /*
   * Each value is read once: every request asks for its policy, and the values come from the
   * domain's configuration, which changes only with a restart. A bad value is logged once.
   */
  private final Map<String, RatePolicy> policies = new ConcurrentHashMap<>();
  private final Map<String, Integer> caps = new ConcurrentHashMap<>();
  private volatile Boolean enabled;

  /** The tiers with policies of their own, which the operator may put a tenant on. */
  public static Set<String> tiers() {
    return PER_MINUTE.keySet();
  }

  /** The policy of {@code endpointClass} for a tenant of {@code tier}. */
  public RatePolicy of(String tier, EndpointClass endpointClass) {
    String known = tier != null && PER_MINUTE.containsKey(tier) ? tier : "standard";
    return policies.computeIfAbsent(
        known + "." + endpointClass.policyName(), key -> read(known, endpointClass));
  }

  private RatePolicy read(String known, EndpointClass endpointClass) {
    String name = endpointClass.policyName();
    String configured =
        config.getOptionalValue(KEY_PREFIX + known + "." + name, String.class).orElse(null);
    RatePolicy standard = new RatePolicy(name, PER_MINUTE.get(known)[endpointClass.ordinal()], 60);
    if (configured == null) {
      return standard;
    }
    try {
      return RatePolicy.parse(name, configured);
    } catch (IllegalArgumentException e) {
      // A typo in the configuration must not answer every request with 500.
      LOG.log(Level.SEVERE, "ignored " + KEY_PREFIX + known + "." + name + ": " + e.getMessage());
      return standard;
    }
  }

  /**
   * How many uploads of a tenant of {@code tier} may stream at once ({@code
   * fileparser.rate-limit.<tier>.concurrent-uploads} overrides the default).
   */
  public int concurrentUploads(String tier) {
    String known = tier != null && CONCURRENT_UPLOADS.containsKey(tier) ? tier : "standard";
    return caps.computeIfAbsent(known, this::readCap);
  }

  private int readCap(String known) {
    int standard = CONCURRENT_UPLOADS.get(known);
    return config
        .getOptionalValue(KEY_PREFIX + known + ".concurrent-uploads", String.class)
        .map(
            v -> {
              try {
                int cap = Integer.parseInt(v.strip());
                return cap >= 1 ? cap : standard;
              } catch (NumberFormatException e) {
                LOG.log(
                    Level.SEVERE, "ignored " + KEY_PREFIX + known + ".concurrent-uploads: " + v);
                return standard;
              }
            })
        .orElse(standard);
  }

  /** Whether limits apply at all ({@code fileparser.rate-limit.enabled}, on by default). */
  public boolean isEnabled() {
    Boolean known = enabled;
    if (known == null) {
      known =
          config
              .getOptionalValue(KEY_PREFIX + "enabled", String.class)
              .map(v -> !v.strip().toLowerCase(Locale.ROOT).equals("false"))
              .orElse(true);
      enabled = known;
    }
    return known;
  }
}
