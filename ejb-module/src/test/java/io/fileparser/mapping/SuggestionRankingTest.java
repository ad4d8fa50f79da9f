package io.fileparser.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.mapping.ColumnProfile.Suggestion;
import io.fileparser.mapping.SuggestionRanking.PastChoice;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The model's suggestions ranked with the tenant's approved mappings of the same header. */
class SuggestionRankingTest {

  private static final Instant NOW = Instant.parse("2026-11-30T00:00:00Z");
  private static final List<Suggestion> MODEL =
      List.of(
          new Suggestion("callee", 0.6, "the header 'Src' is close to 'dst'"),
          new Suggestion("caller", 0.3, "90 % of the values look like e164"));

  private static PastChoice choice(String header, String field, int daysAgo) {
    return new PastChoice(header, field, NOW.minus(Duration.ofDays(daysAgo)));
  }

  @Test
  void withoutHistoryTheModelsRankingStands() {
    assertEquals(MODEL, SuggestionRanking.rank("Src", MODEL, List.of(), NOW));
  }

  @Test
  void aHeaderMappedBeforeRanksThatFieldFirstSayingWhy() {
    List<Suggestion> ranked =
        SuggestionRanking.rank(
            "Src", MODEL, List.of(choice("SRC ", "caller", 1), choice("src", "caller", 2)), NOW);
    assertEquals("caller", ranked.get(0).field());
    assertTrue(ranked.get(0).confidence() > 0.6, ranked::toString);
    assertTrue(ranked.get(0).reason().contains("mapped to caller 2 times"), ranked::toString);
    assertTrue(ranked.get(0).reason().contains("e164"), "the model's reason is kept");
  }

  @Test
  void recentChoicesOutweighOldOnesAndFrequentOutweighSingle() {
    List<Suggestion> recent =
        SuggestionRanking.rank(
            "Src",
            List.of(),
            List.of(choice("Src", "caller", 1), choice("Src", "callee", 200)),
            NOW);
    assertEquals("caller", recent.get(0).field());
    List<Suggestion> frequent =
        SuggestionRanking.rank(
            "Src",
            List.of(),
            List.of(
                choice("Src", "callee", 3),
                choice("Src", "callee", 4),
                choice("Src", "callee", 5),
                choice("Src", "caller", 1)),
            NOW);
    assertEquals("callee", frequent.get(0).field());
  }

  @Test
  void otherHeadersAndHeaderlessColumnsLearnNothingFromHistory() {
    List<PastChoice> history = List.of(choice("Dst", "caller", 1));
    assertEquals(MODEL, SuggestionRanking.rank("Src", MODEL, history, NOW));
    assertEquals(MODEL, SuggestionRanking.rank(null, MODEL, history, NOW));
  }
}
