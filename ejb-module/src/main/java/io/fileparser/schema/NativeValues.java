package io.fileparser.schema;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Values of the schema's columns as a native query returns them. A {@code timestamptz} comes back
 * as an {@link Instant}, an {@link OffsetDateTime} or a {@link java.sql.Timestamp}, depending on
 * the Hibernate and JDBC driver versions and on whether the query names a result type; readers of
 * native rows take any of them.
 */
public final class NativeValues {

  private NativeValues() {}

  /**
   * @throws IllegalStateException for a value that is no timestamp
   */
  public static Instant instant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant();
    }
    throw new IllegalStateException("unexpected timestamp type " + value);
  }

  /** The rows of a native query whose parameters ?1, ?2, ... are {@code parameters} in order. */
  @SuppressWarnings("unchecked")
  public static List<Object[]> rows(EntityManager em, String sql, Object... parameters) {
    Query query = em.createNativeQuery(sql);
    for (int i = 0; i < parameters.length; i++) {
      query.setParameter(i + 1, parameters[i]);
    }
    return query.getResultList();
  }
}
