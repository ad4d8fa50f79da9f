package io.fileparser.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerCommandTest {

  private static final String TASK = "parser.process_file";

  @Test
  void readsEachCommandWithCeleryArguments() {
    assertEquals(
        new WorkerCommand("pool_grow", Map.of("n", 1)),
        WorkerCommand.parse("pool_grow", null, null, TASK));
    assertEquals(
        new WorkerCommand("pool_shrink", Map.of("n", 3)),
        WorkerCommand.parse("pool_shrink", 3, null, TASK));
    assertEquals(
        new WorkerCommand("rate_limit", Map.of("task_name", TASK, "rate_limit", "100/m")),
        WorkerCommand.parse("rate_limit", null, "100/m", TASK));
    assertEquals(
        new WorkerCommand("shutdown", Map.of()), WorkerCommand.parse("shutdown", null, null, TASK));
    assertFalse(WorkerCommand.parse("shutdown", null, null, TASK).expectsReply());
    assertTrue(WorkerCommand.parse("ping", null, null, TASK).expectsReply());
  }

  @Test
  void refusesWhatCeleryWouldNotTakeNamingTheField() {
    Object[][] bad = {
      {null, null, null, "command"},
      {"pool_restart", null, null, "command"},
      {"POOL_GROW", null, null, "command"},
      {"pool_grow", 0, null, "n"},
      {"pool_grow", 17, null, "n"},
      {"ping", 1, null, "n"},
      {"rate_limit", null, null, "rate"},
      {"rate_limit", null, "fast", "rate"},
      {"rate_limit", null, "10/d", "rate"},
      {"rate_limit", null, "-1", "rate"},
      {"stats", null, "1/s", "rate"}
    };
    for (Object[] c : bad) {
      ProblemException refused =
          assertThrows(
              ProblemException.class,
              () -> WorkerCommand.parse((String) c[0], (Integer) c[1], (String) c[2], TASK),
              () -> List.of(c).toString());
      assertEquals(ProblemType.INVALID_WORKER_COMMAND, refused.type());
      assertEquals(c[3], refused.extensions().get("field"));
    }
  }

  @Test
  void aCommandIsAKombuPidboxMessageForItsDestinationWithWhereToReply() throws Exception {
    String envelope =
        PidboxMessages.command(
            WorkerCommand.parse("pool_grow", 2, null, TASK),
            List.of("parse@host1"),
            "ticket-1",
            "oid-1",
            1_800_000_000L);

    JsonNode message = PidboxMessages.JSON.readTree(envelope);
    assertEquals(
        "celery.pidbox",
        message.path("properties").path("delivery_info").path("exchange").asText());
    assertEquals("base64", message.path("properties").path("body_encoding").asText());
    JsonNode body =
        PidboxMessages.JSON.readTree(Base64.getDecoder().decode(message.path("body").asText()));
    assertEquals("pool_grow", body.path("method").asText());
    assertEquals(2, body.path("arguments").path("n").asInt());
    assertEquals("parse@host1", body.path("destination").get(0).asText());
    assertEquals("ticket-1", body.path("ticket").asText());
    assertEquals("reply.celery.pidbox", body.path("reply_to").path("exchange").asText());
    assertEquals("oid-1", body.path("reply_to").path("routing_key").asText());
    assertEquals("oid-1.reply.celery.pidbox", PidboxMessages.replyQueue("oid-1"));
    assertEquals("oid-1::oid-1.reply.celery.pidbox", PidboxMessages.binding("oid-1"));
  }

  @Test
  void aReplyIsReadOnlyForItsOwnTicket() {
    String body =
        Base64.getEncoder()
            .encodeToString(
                "{\"parse@host1\": {\"ok\": \"pool will grow\"}}".getBytes(StandardCharsets.UTF_8));
    String message =
        "{\"body\": \""
            + body
            + "\", \"headers\": {\"ticket\": \"t1\", \"clock\": 3},"
            + " \"properties\": {\"body_encoding\": \"base64\"}}";

    assertEquals(
        "pool will grow",
        PidboxMessages.reply(message, "t1").orElseThrow().path("parse@host1").path("ok").asText());
    assertTrue(PidboxMessages.reply(message, "t2").isEmpty());
    assertTrue(PidboxMessages.reply("not json", "t1").isEmpty());
  }
}
