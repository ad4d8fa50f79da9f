package io.fileparser.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * What the object stores of a bucket (S3, Cloud Storage) share in listing their content: the
 * client's pages as a lazy stream whose paging failures surface as {@link UncheckedIOException},
 * (the names listed are read back by {@link BucketKeys#content}).
 */
final class ObjectListings {

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
}
