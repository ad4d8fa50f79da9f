package io.fileparser.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which staging keys something still names, asked by the cleanup of abandoned staging before it
 * removes anything: a staged upload may rightly be older than the cleanup's age (a file waiting for
 * a scanner that has been away for a day, a resumable upload that may live longer than that).
 */
@FunctionalInterface
public interface StagingReferences {

  /** Nothing names staging: every old enough staged object is abandoned. */
  StagingReferences NONE = keys -> Set.of();

  /** How many keys one question names at most. */
  int BATCH = 500;

  /** The keys among {@code keys} (at most {@link #BATCH}) that are still named. */
  Set<String> named(Collection<String> keys);

  /** The candidates whose keys nothing names, asked {@link #BATCH} keys at a time. */
  default <T> List<T> unnamed(List<T> candidates, Function<T, String> key) {
    List<T> unnamed = new ArrayList<>();
    for (int from = 0; from < candidates.size(); from += BATCH) {
      List<T> batch = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
      Set<String> named = named(batch.stream().map(key).toList());
      batch.stream()
          .filter(candidate -> !named.contains(key.apply(candidate)))
          .forEach(unnamed::add);
    }
    return unnamed;
  }
}
