package io.fileparser.storage;

import io.fileparser.tenancy.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * What the object stores of a bucket (S3, Cloud Storage) share in listing their content: the
 * client's pages as a lazy stream whose paging failures surface as {@link UncheckedIOException},
 * and the content-addressed names {@code <area>/<tenant>/<ab>/<sha256>} read back.
 */
final class ObjectListings {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /** The tenant and hash a content-addressed name stands for. */
  record ContentKey(String tenantId, String sha256) {}

  private ObjectListings() {}

  /**
   * The items of {@code pages} as the stream is read; a {@code failureType} thrown while paging
   * becomes an {@link UncheckedIOException} of {@code failure}'s making.
   */
  static <T, E extends RuntimeException> Stream<T> lazily(
      Iterator<T> pages, Class<E> failureType, Function<E, IOException> failure) {
    Iterator<T> guarded =
        new Iterator<>() {
          @Override
          public boolean hasNext() {
            try {
              return pages.hasNext();
            } catch (RuntimeException e) {
              throw translated(e, failureType, failure);
            }
          }

          @Override
          public T next() {
            try {
              return pages.next();
            } catch (RuntimeException e) {
              throw translated(e, failureType, failure);
            }
          }
        };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(guarded, 0), false);
  }

  private static <E extends RuntimeException> RuntimeException translated(
      RuntimeException e, Class<E> failureType, Function<E, IOException> failure) {
    return failureType.isInstance(e)
        ? new UncheckedIOException(failure.apply(failureType.cast(e)))
        : e;
  }

  /**
   * {@code <tenant>/<ab>/<sha256>} under {@code areaPrefix}; empty for any other name (a server
   * that ignores the prefix filter included).
   */
  static Optional<ContentKey> contentKey(String areaPrefix, String name) {
    if (!name.startsWith(areaPrefix)) {
      return Optional.empty();
    }
    String[] parts = name.substring(areaPrefix.length()).split("/", -1);
    if (parts.length != 3
        || !TenantId.isValid(parts[0])
        || !SHA256.matcher(parts[2]).matches()
        || !parts[1].equals(parts[2].substring(0, 2))) {
      return Optional.empty();
    }
    return Optional.of(new ContentKey(parts[0], parts[2]));
  }
}
