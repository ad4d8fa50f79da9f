package io.fileparser.events.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatRoundsTest {

  @Test
  void aRoundOfTicksBeatsEveryConnectionOnce() {
    HeartbeatRounds<Integer> rounds = new HeartbeatRounds<>(15);
    for (int i = 0; i < 1000; i++) {
      rounds.add(i);
    }
    Map<Integer, Integer> beats = new HashMap<>();
    for (int tick = 0; tick < 2 * 15; tick++) {
      rounds.beatNext(connection -> beats.merge(connection, 1, Integer::sum));
    }
    assertEquals(1000, beats.size());
    beats.values().forEach(count -> assertEquals(2, count));
  }

  @Test
  void eachTickBeatsASliceNotAll() {
    HeartbeatRounds<Integer> rounds = new HeartbeatRounds<>(10);
    for (int i = 0; i < 1000; i++) {
      rounds.add(i);
    }
    for (int tick = 0; tick < 10; tick++) {
      List<Integer> beaten = new ArrayList<>();
      rounds.beatNext(beaten::add);
      assertEquals(100, beaten.size());
    }
  }

  @Test
  void aRemovedConnectionIsNotBeatenAgain() {
    HeartbeatRounds<String> rounds = new HeartbeatRounds<>(3);
    rounds.add("a");
    rounds.add("b");
    rounds.remove("a");
    rounds.remove("a"); // harmless twice
    List<String> beaten = new ArrayList<>();
    for (int tick = 0; tick < 3; tick++) {
      rounds.beatNext(beaten::add);
    }
    assertEquals(List.of("b"), beaten);
  }

  @Test
  void oneSliceBeatsAllAtEachTick() {
    HeartbeatRounds<String> rounds = new HeartbeatRounds<>(1);
    rounds.add("a");
    rounds.add("b");
    List<String> beaten = new ArrayList<>();
    rounds.beatNext(beaten::add);
    assertEquals(2, beaten.size());
    assertThrows(IllegalArgumentException.class, () -> new HeartbeatRounds<>(0));
  }
}
