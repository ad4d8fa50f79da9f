package io.fileparser.storage;

import jakarta.persistence.EntityManager;

/** Storage beans wired by hand for component tests. */
public final class StorageBeans {

  private StorageBeans() {}

  /** Removal bookkeeping on {@code em}, with no store behind it (nothing is due in these tests). */
  public static ContentRemovals removals(EntityManager em) {
    ContentRemovals removals = new ContentRemovals();
    removals.em = em;
    return removals;
  }

  /** Removal bookkeeping on {@code em} over {@code store}. */
  public static ContentRemovals removals(EntityManager em, ObjectStore store) {
    ContentRemovals removals = removals(em);
    removals.store = store;
    return removals;
  }
}
