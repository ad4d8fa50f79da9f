package io.fileparser.dispatch;

/**
 * The queue priority of a parse task, from what the client asked for, the tenant's tier and the
 * file's size.
 *
 * <p>Clients speak of urgency 0 (lowest) to 9 (most urgent); kombu on Redis serves priority 0
 * first, so the scale is inverted. On top of that: higher tiers move up (enterprise two bands,
 * premium one, free one down), and small files move up one band while very large ones move down,
 * because a 10 KiB CSV that waits behind a 2 GiB PDF looks broken to its user while the PDF's owner
 * hardly notices a few seconds more. An admin override replaces the whole computation.
 */
public final class DispatchPriority {

  static final long SMALL_FILE = 1024L * 1024;
  static final long LARGE_FILE = 100L * 1024 * 1024;
  static final long HUGE_FILE = 1024L * 1024 * 1024;

  private DispatchPriority() {}

  /**
   * @param urgency the client's 0 (lowest) to 9 (most urgent)
   * @param tier the tenant's tier: free, standard, premium or enterprise
   * @param sizeBytes the file's size
   * @param override an admin's kombu priority (0 first) or null
   * @return the kombu priority, 0 (served first) to 9
   */
  public static int of(int urgency, String tier, long sizeBytes, Integer override) {
    if (override != null) {
      return clamp(override);
    }
    int priority = 9 - clamp(urgency);
    priority +=
        switch (tier == null ? "standard" : tier) {
          case "enterprise" -> -2;
          case "premium" -> -1;
          case "free" -> 1;
          default -> 0;
        };
    if (sizeBytes < SMALL_FILE) {
      priority -= 1;
    } else if (sizeBytes >= HUGE_FILE) {
      priority += 2;
    } else if (sizeBytes >= LARGE_FILE) {
      priority += 1;
    }
    return clamp(priority);
  }

  private static int clamp(int p) {
    return Math.max(0, Math.min(9, p));
  }
}
