package io.fileparser.mapping;

import io.fileparser.mapping.ColumnProfile.Suggestion;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Ranks the fields a column may hold: the field model's suggestions (header similarity and value
 * profile, from the worker) combined with this tenant's approved mappings of the same header. A
 * header the tenant mapped before ranks that field higher, and recent and frequent choices weigh
 * more: each past choice weighs {@code 0.5^(age / 30 days)}; with {@code W} the total weight of the
 * header's choices and {@code w} that of a field's, the tenant says {@code w / W * W / (W + 1)}
 * (one fresh choice: 0.5; three: 0.75), and the two opinions combine as independent evidence:
 * {@code 1 - (1 - model) * (1 - tenant)}. The model's own ranking is left as it is for headers the
 * tenant never mapped, so a retrained model and this ranking agree on what is known.
 */
public final class SuggestionRanking {

  static final double HALF_LIFE_DAYS = 30;
  static final int MAX_SUGGESTIONS = 5;

  /** A column an admin approved: its header and the field it was taken for, and when. */
  public record PastChoice(String header, String field, Instant at) {}

  private SuggestionRanking() {}

  public static List<Suggestion> rank(
      String header, List<Suggestion> model, List<PastChoice> history, Instant now) {
    String key = normalise(header);
    Map<String, double[]> tenant = new LinkedHashMap<>(); // field -> {weight, count, last epoch s}
    double total = 0;
    if (!key.isEmpty()) {
      for (PastChoice choice : history) {
        if (key.equals(normalise(choice.header()))) {
          double days = Math.max(Duration.between(choice.at(), now).toSeconds(), 0) / 86400.0;
          double weight = Math.pow(0.5, days / HALF_LIFE_DAYS);
          double[] seen = tenant.computeIfAbsent(choice.field(), f -> new double[3]);
          seen[0] += weight;
          seen[1] += 1;
          seen[2] = Math.max(seen[2], choice.at().getEpochSecond());
          total += weight;
        }
      }
    }
    Map<String, Suggestion> ranked = new LinkedHashMap<>();
    for (Suggestion s : model) {
      ranked.put(s.field(), s);
    }
    for (Map.Entry<String, double[]> e : tenant.entrySet()) {
      double[] seen = e.getValue();
      double says = seen[0] / total * (total / (total + 1));
      Suggestion before = ranked.get(e.getKey());
      double modelSays = before == null ? 0 : before.confidence();
      String reason =
          String.format(
              Locale.ROOT,
              "'%s' was mapped to %s %d time%s in this tenant, last on %s",
              header.strip(),
              e.getKey(),
              (int) seen[1],
              seen[1] == 1 ? "" : "s",
              Instant.ofEpochSecond((long) seen[2]).atOffset(ZoneOffset.UTC).toLocalDate());
      if (before != null && !before.reason().isBlank()) {
        reason += "; " + before.reason();
      }
      ranked.put(
          e.getKey(), new Suggestion(e.getKey(), round(1 - (1 - modelSays) * (1 - says)), reason));
    }
    List<Suggestion> sorted = new ArrayList<>(ranked.values());
    sorted.sort(
        Comparator.comparingDouble(Suggestion::confidence)
            .reversed()
            .thenComparing(Suggestion::field));
    return List.copyOf(sorted.subList(0, Math.min(sorted.size(), MAX_SUGGESTIONS)));
  }

  /** Headers compare by their letters and digits, ignoring case, spaces and punctuation. */
  static String normalise(String header) {
    return header == null ? "" : header.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
