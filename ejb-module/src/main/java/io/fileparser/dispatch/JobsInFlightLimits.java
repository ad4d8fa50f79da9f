package io.fileparser.dispatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * How many jobs of one tenant may be in flight at once (pushed to the broker and not finished), by
 * tier: the defaults below, each overridden by {@code fileparser.dispatch.<tier>.jobs-in-flight}; a
 * tenant's own limit (set by the operator) replaces its tier's. A tier without a limit of its own
 * has the standard tier's.
 *
 * <p>The defaults keep a worker pool busy for any one tenant (a standard tenant's 20 exceed the
 * concurrency of a few workers), while a burst of one tenant no longer fills the broker's lists:
 * another tenant's job waits behind at most the others' limits, not behind their whole backlog.
 */
@ApplicationScoped
public class JobsInFlightLimits {

  static final Map<String, Integer> BY_TIER =
      Map.of("free", 2, "standard", 20, "premium", 50, "enterprise", 100);

  static final String KEY_PREFIX = "fileparser.dispatch.";

  private static final Logger LOG = Logger.getLogger(JobsInFlightLimits.class.getName());

  @Inject Config config;

  /* Read once per tier: the values come from the domain's configuration, fixed until a restart. */
  private final Map<String, Integer> limits = new ConcurrentHashMap<>();

  /** The limits without configuration (the defaults above), for tests. */
  public static JobsInFlightLimits defaults() {
    return new JobsInFlightLimits();
  }

  /** The limit of a tenant on {@code tier}. */
  public int ofTier(String tier) {
    String known = tier != null && BY_TIER.containsKey(tier) ? tier : "standard";
    return limits.computeIfAbsent(known, this::read);
  }

  /** The limit in force for a tenant of {@code tier} whose own limit is {@code own} (or null). */
  public int inForce(String tier, Integer own) {
    return own != null ? own : ofTier(tier);
  }

  private int read(String known) {
    int standard = BY_TIER.get(known);
    if (config == null) {
      return standard;
    }
    String key = KEY_PREFIX + known + ".jobs-in-flight";
    return config
        .getOptionalValue(key, String.class)
        .map(
            v -> {
              try {
                int limit = Integer.parseInt(v.strip());
                if (limit >= 1) {
                  return limit;
                }
              } catch (NumberFormatException e) {
                // logged below
              }
              // A typo in the configuration must not stop dispatch.
              LOG.log(Level.SEVERE, "ignored " + key + ": " + v);
              return standard;
            })
        .orElse(standard);
  }
}
