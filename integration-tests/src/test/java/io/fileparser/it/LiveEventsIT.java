package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Job events pushed live: the WebSocket endpoint and the SSE streams, with a real worker parsing
 * the jobs. Every event arrives, in seq order, and a client that resumes by seq gets exactly what
 * it missed; tenants never see each other's events.
 */
class LiveEventsIT {

  private static final Duration PARSE = Duration.ofSeconds(60);

  private static Workers worker;

  @BeforeAll
  static void startWorker() {
    worker = Workers.start();
  }

  @AfterAll
  static void stopWorker() {
    worker.close();
  }

  @Test
  void aSubscriberGetsEveryEventOfAParsedJobInSeqOrder() {
    String tenant = Tenants.fresh();
    try (EventSocket socket = EventSocket.bearer(Tokens.of(tenant, "viewer"))) {
      socket.subscribeTenant("all");

      String jobId =
          Uploads.create(tenant, "live.csv", SampleFiles.csv(tenant)).path("id").asText();

      List<JsonNode> events = socket.eventsOf(jobId, "job.completed", PARSE);
      assertEquals(
          IntStream.rangeClosed(1, events.size()).boxed().toList(),
          events.stream().map(e -> e.path("seq").asInt()).toList(),
          events::toString);
      assertEquals("job.created", events.get(0).path("type").asText());
      assertTrue(
          events.stream().anyMatch(e -> e.path("type").asText().equals("job.dispatched")),
          events::toString);
      for (JsonNode event : events) {
        assertEquals(tenant, event.path("tenantId").asText());
        assertEquals(jobId + ":" + event.path("seq").asInt(), event.path("id").asText());
        assertTrue(event.path("at").asText().endsWith("Z"), event::toString);
      }
      JsonNode history = Jobs.history(Tokens.of(tenant, "viewer"), jobId);
      assertEquals(history.size(), events.size(), history::toString);
    }
  }

  @Test
  void resumingWithFromSeqReplaysExactlyWhatWasMissed() {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "viewer");
    String jobId =
        Uploads.create(tenant, "resume.csv", SampleFiles.csv(tenant)).path("id").asText();
    Jobs.awaitFinished(token, jobId, PARSE);
    int total = Jobs.history(token, jobId).size();

    try (EventSocket socket = EventSocket.bearer(token)) {
      socket.send(
          "{\"type\":\"subscribe\",\"id\":\"r\",\"jobId\":\"" + jobId + "\",\"fromSeq\":3}");
      JsonNode ack = socket.next(Duration.ofSeconds(10));
      assertEquals("ack", ack.path("type").asText(), "the ack comes before the replay: " + ack);

      List<JsonNode> events = socket.eventsOf(jobId, "job.completed", Duration.ofSeconds(10));
      assertEquals(
          IntStream.rangeClosed(3, total).boxed().toList(),
          events.stream().map(e -> e.path("seq").asInt()).toList());
    }
  }

  @Test
  void aTenantSubscriberResumesAfterTheLastEventItHad() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "viewer");
    String jobId = Uploads.create(tenant, "again.csv", SampleFiles.csv(tenant)).path("id").asText();
    Jobs.awaitFinished(token, jobId, PARSE);
    int total = Jobs.history(token, jobId).size();

    try (EventSocket socket = EventSocket.bearer(token)) {
      socket.send(
          "{\"type\":\"subscribe\",\"id\":\"t\",\"scope\":\"tenant\",\"afterEventId\":\""
              + jobId
              + ":2\"}");
      JsonNode ack = socket.next(Duration.ofSeconds(10));
      assertEquals("ack", ack.path("type").asText(), "the ack comes before the replay: " + ack);
      List<JsonNode> events = socket.eventsOf(jobId, "job.completed", Duration.ofSeconds(10));
      assertEquals(
          IntStream.rangeClosed(3, total).boxed().toList(),
          events.stream().map(e -> e.path("seq").asInt()).toList());

      JsonNode unknown =
          socket.command(
              "u",
              "{\"type\":\"subscribe\",\"id\":\"u\",\"scope\":\"tenant\",\"afterEventId\":\""
                  + java.util.UUID.randomUUID()
                  + ":1\"}");
      assertEquals(400, unknown.path("problem").path("status").asInt(), unknown::toString);
    }

    EventSourceClient.Stream resumed =
        EventSourceClient.read(
            TestEnvironment.apiUri("/progress"), token, jobId + ":2", total - 2, PARSE);
    assertEquals(
        IntStream.rangeClosed(3, total).mapToObj(seq -> jobId + ":" + seq).toList(),
        resumed.events().stream().map(EventSourceClient.Event::id).toList());
  }

  @Test
  void anotherTenantsJobIsNotFoundAndItsEventsNeverArrive() throws Exception {
    String tenant = Tenants.fresh();
    String other = Tenants.fresh();
    try (EventSocket stranger = EventSocket.bearer(Tokens.of(other, "admin"))) {
      stranger.subscribeTenant("all");
      String jobId =
          Uploads.create(tenant, "mine.csv", SampleFiles.csv(tenant)).path("id").asText();

      JsonNode refused =
          stranger.command(
              "x", "{\"type\":\"subscribe\",\"id\":\"x\",\"jobId\":\"" + jobId + "\"}");

      assertEquals("error", refused.path("type").asText(), refused::toString);
      assertEquals(404, refused.path("problem").path("status").asInt(), refused::toString);
      assertEquals("job_not_found", refused.path("problem").path("code").asText());
      Jobs.awaitFinished(Tokens.of(tenant, "viewer"), jobId, PARSE);
      assertEquals(
          List.of(),
          stranger.drain(Duration.ofSeconds(1)).stream()
              .filter(m -> m.path("type").asText().startsWith("job."))
              .toList());
    }
  }

  @Test
  void badCommandsAreAnsweredWithProblemsAndTheConnectionStaysOpen() {
    String tenant = Tenants.fresh();
    try (EventSocket socket = EventSocket.bearer(Tokens.of(tenant, "member"))) {
      for (String bad :
          List.of(
              "not json",
              "[1,2]",
              "{\"type\":\"subscribe\",\"id\":\"b\"}",
              "{\"type\":\"shout\",\"id\":\"b\",\"scope\":\"tenant\"}",
              "{\"type\":\"subscribe\",\"id\":\"b\",\"jobId\":\"../etc\"}",
              "{\"type\":\"subscribe\",\"id\":\"b\",\"scope\":\"tenant\",\"fromSeq\":1}",
              "{\"type\":\"subscribe\",\"id\":\"b\",\"jobId\":\""
                  + java.util.UUID.randomUUID()
                  + "\",\"fromSeq\":-1}",
              "{\"type\":\"subscribe\",\"id\":\"b\",\"scope\":\"tenant\",\"extra\":1}")) {
        socket.send(bad);
        JsonNode error =
            socket.next(m -> m.path("type").asText().equals("error"), Duration.ofSeconds(5));
        assertEquals(400, error.path("problem").path("status").asInt(), bad + " -> " + error);
        assertFalse(error.path("problem").path("detail").asText().isBlank(), error::toString);
      }
      socket.subscribeTenant("still-open");
    }
  }

  @Test
  void theHandshakeNeedsCredentialsAndAReaderOfATenant() throws Exception {
    assertEquals(401, EventSocket.refusedHandshake(Map.of(), null));
    assertEquals(
        401,
        EventSocket.refusedHandshake(
            Map.of("Authorization", "Bearer " + Tokens.expired(Tenants.fresh(), "viewer")), null));
    assertEquals(401, EventSocket.refusedHandshake(Map.of(), "ticket=wst_forged"));

    try (EventSocket operator = EventSocket.bearer(Tokens.operator())) {
      assertEquals(4003, operator.closeCode.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aTicketOpensTheSocketOnceForTheCallerWhoAskedForIt() throws Exception {
    String tenant = Tenants.fresh();
    ApiResponse issued = Api.post("/websocket/ticket").bearer(Tokens.of(tenant, "viewer")).send();
    assertEquals(200, issued.status(), issued::toString);
    String ticket = issued.json().path("ticket").asText();
    assertTrue(ticket.startsWith("wst_"), issued::toString);

    try (EventSocket socket = EventSocket.open(Map.of(), "ticket=" + ticket)) {
      socket.subscribeTenant("t");
      String jobId =
          Uploads.create(tenant, "ticket.csv", SampleFiles.csv(tenant)).path("id").asText();
      assertEquals(
          "job.created",
          socket
              .next(m -> jobId.equals(m.path("jobId").asText()), Duration.ofSeconds(10))
              .path("type")
              .asText());
    }
    assertEquals(401, EventSocket.refusedHandshake(Map.of(), "ticket=" + ticket));
    Problems.assertProblem(Api.post("/websocket/ticket").send(), 401, "authentication_required");
  }

  @Test
  void aJobsSseStreamSendsItsHistoryThenLiveAndEndsAfterTheTerminalEvent() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "viewer");
    String jobId = Uploads.create(tenant, "sse.csv", SampleFiles.csv(tenant)).path("id").asText();

    EventSourceClient.Stream stream =
        EventSourceClient.read(
            TestEnvironment.apiUri("/progress/" + jobId), token, null, 1000, PARSE);

    assertEquals(200, stream.status());
    assertTrue(stream.contentType().startsWith("text/event-stream"), stream::toString);
    assertTrue(stream.ended(), "the stream ends after the terminal event");
    List<EventSourceClient.Event> events = stream.events();
    assertEquals(
        IntStream.rangeClosed(1, events.size()).mapToObj(Integer::toString).toList(),
        events.stream().map(EventSourceClient.Event::id).toList());
    assertEquals("3000", events.get(0).retry());
    JsonNode last = ApiResponse.JSON.readTree(events.get(events.size() - 1).data());
    assertEquals("job.completed", last.path("type").asText(), last::toString);

    EventSourceClient.Stream resumed =
        EventSourceClient.read(
            TestEnvironment.apiUri("/progress/" + jobId), token, "2", 1000, Duration.ofSeconds(10));
    assertEquals(
        events.subList(2, events.size()).stream().map(EventSourceClient.Event::id).toList(),
        resumed.events().stream().map(EventSourceClient.Event::id).toList());

    EventSourceClient.Stream done =
        EventSourceClient.read(
            TestEnvironment.apiUri("/progress/" + jobId),
            token,
            Integer.toString(events.size()),
            1000,
            Duration.ofSeconds(10));
    assertEquals(204, done.status(), "nothing more: the EventSource stops reconnecting");
  }

  @Test
  void theSseStreamsRefuseStrangersAndBadResumePoints() {
    String tenant = Tenants.fresh();
    String jobId = Uploads.create(tenant, "own.csv", SampleFiles.csv(tenant)).path("id").asText();

    Problems.assertProblem(
        Api.get("/progress/" + jobId).bearer(Tokens.of(Tenants.fresh(), "admin")).send(),
        404,
        "job_not_found");
    Problems.assertProblem(Api.get("/progress/" + jobId).send(), 401, "authentication_required");
    Problems.assertProblem(
        Api.get("/progress/" + jobId)
            .bearer(Tokens.of(tenant, "viewer"))
            .header("Last-Event-ID", "yesterday")
            .send(),
        400,
        "invalid_request");
  }

  @Test
  void theTenantSseStreamCarriesEveryJobOfTheTenant() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "viewer");
    java.util.concurrent.CompletableFuture<EventSourceClient.Stream> reading =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return EventSourceClient.read(
                    TestEnvironment.apiUri("/progress"), token, null, 2, PARSE);
              } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            });
    Thread.sleep(1000); // the stream is open before the uploads
    String first =
        Uploads.create(tenant, "a.csv", SampleFiles.csv(tenant + "a")).path("id").asText();

    EventSourceClient.Stream stream = reading.get(60, TimeUnit.SECONDS);

    assertEquals(first + ":1", stream.events().get(0).id(), stream::toString);
    assertEquals(first + ":2", stream.events().get(1).id(), stream::toString);
  }
}
