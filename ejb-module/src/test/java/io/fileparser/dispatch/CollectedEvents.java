package io.fileparser.dispatch;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A CDI {@link Event} outside the container: it notifies no observer and records what was fired, so
 * a component test can see what a bean announced. Qualifiers are not modelled: a selected event
 * records into the same list.
 */
public final class CollectedEvents<T> implements Event<T> {

  private final List<Object> fired = new CopyOnWriteArrayList<>();
  private final List<Consumer<T>> observers;

  /**
   * @param observers called with each event, in order, as CDI calls synchronous observers
   */
  @SafeVarargs
  public CollectedEvents(Consumer<T>... observers) {
    this.observers = List.of(observers);
  }

  /** Everything fired so far, in order. */
  @SuppressWarnings("unchecked")
  public List<T> fired() {
    return (List<T>) List.copyOf(fired);
  }

  @Override
  public void fire(T event) {
    fired.add(event);
    observers.forEach(observer -> observer.accept(event));
  }

  @Override
  public <U extends T> CompletionStage<U> fireAsync(U event) {
    fired.add(event);
    return CompletableFuture.completedFuture(event);
  }

  @Override
  public <U extends T> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
    return fireAsync(event);
  }

  @Override
  public Event<T> select(Annotation... qualifiers) {
    return this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <U extends T> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
    return (Event<U>) this;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <U extends T> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
    return (Event<U>) this;
  }
}
