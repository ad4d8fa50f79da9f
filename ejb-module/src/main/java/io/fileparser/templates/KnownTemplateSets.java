package io.fileparser.templates;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The template lists this instance knows to be kept in {@code template_sets} (a transaction that
 * wrote or found the row committed: {@link TemplateSetKept}, observed after success, as {@code
 * KnownApiKeys} and {@code TenantProfiles} hear their changes), so that naming a list costs no
 * statement on every dispatch: a list's key is the hash of its content and its row is never changed
 * nor removed. Bounded: past {@link #MAX} keys it starts over, which costs one statement per list
 * again, never a wrong answer.
 */
@ApplicationScoped
public class KnownTemplateSets {

  static final int MAX = 10_000;

  private final Set<String> keys = ConcurrentHashMap.newKeySet();

  /** The transaction that wrote or found the list's row committed: the row stays. */
  void kept(@Observes(during = TransactionPhase.AFTER_SUCCESS) TemplateSetKept kept) {
    add(kept.setKey());
  }

  boolean contains(String setKey) {
    return keys.contains(setKey);
  }

  void add(String setKey) {
    if (keys.size() >= MAX) {
      keys.clear();
    }
    keys.add(setKey);
  }
}
