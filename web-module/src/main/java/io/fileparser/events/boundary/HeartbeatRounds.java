package io.fileparser.events.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Beats every open connection once a heartbeat period, a slice at a time: the connections are dealt
 * over {@code slices} groups and each tick of the schedule (every period / slices) beats one group,
 * so a full round still reaches each connection once a period. Beating all of them at once sent
 * 10,000 pings (and brought back 10,000 pongs) in one burst on one thread every 15 s, a sweep of
 * 0.65-14 s on a busy 2-core machine (bench/ws_fanout, docs/benchmarks.md), competing with the live
 * events for the cores meanwhile. In slices, the same pings leave at an even pace.
 */
final class HeartbeatRounds<C> {

  private final List<Set<C>> slices = new ArrayList<>();
  private final AtomicInteger nextSlice = new AtomicInteger();
  private final AtomicInteger tick = new AtomicInteger();

  HeartbeatRounds(int slices) {
    if (slices < 1) {
      throw new IllegalArgumentException("at least one slice");
    }
    for (int i = 0; i < slices; i++) {
      this.slices.add(ConcurrentHashMap.newKeySet());
    }
  }

  /** How many ticks make a round: one period. */
  int slices() {
    return slices.size();
  }

  /** Deals a new connection into the next slice. */
  void add(C connection) {
    slices.get(Math.floorMod(nextSlice.getAndIncrement(), slices.size())).add(connection);
  }

  /** Forgets a connection; harmless if it is forgotten already. */
  void remove(C connection) {
    for (Set<C> slice : slices) {
      if (slice.remove(connection)) {
        return;
      }
    }
  }

  /** One tick: beats the connections of the next slice. */
  void beatNext(Consumer<C> beat) {
    slices.get(Math.floorMod(tick.getAndIncrement(), slices.size())).forEach(beat);
  }

  /** Every connection, for a last call (shut down). */
  void forEach(Consumer<C> call) {
    slices.forEach(slice -> slice.forEach(call));
  }
}
