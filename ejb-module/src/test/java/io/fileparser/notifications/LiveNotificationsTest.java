package io.fileparser.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A published notification reaches its recipient's listeners only, and none once they stop. */
class LiveNotificationsTest {

  private static String message(String tenant, String recipient) {
    return new NotificationRecorded(
            tenant,
            recipient,
            new NotificationView(
                UUID.randomUUID(),
                "job.completed",
                UUID.randomUUID(),
                null,
                "Job completed",
                "a.csv",
                Instant.parse("2026-11-29T10:00:00Z"),
                null))
        .toJson();
  }

  @Test
  void handsEachNotificationToItsRecipientsListenersOnly() throws Exception {
    LiveNotifications live = new LiveNotifications();
    List<String> alice = new ArrayList<>();
    List<String> aliceSecondTab = new ArrayList<>();
    List<String> bob = new ArrayList<>();
    List<String> aliceElsewhere = new ArrayList<>();
    AutoCloseable first = live.listen("acme", "user:alice", alice::add);
    live.listen("acme", "user:alice", aliceSecondTab::add);
    live.listen("acme", "user:bob", bob::add);
    live.listen("other", "user:alice", aliceElsewhere::add);

    String forAlice = message("acme", "user:alice");
    live.deliver(forAlice);
    live.deliver("{\"type\":\"something else\"}");
    first.close();
    live.deliver(message("acme", "user:alice"));

    assertEquals(List.of(forAlice), alice);
    assertEquals(2, aliceSecondTab.size());
    assertEquals(List.of(), bob);
    assertEquals(List.of(), aliceElsewhere);
  }
}
