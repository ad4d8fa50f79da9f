package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * A client that stops reading holds up no one but itself (issue 9): of two WebSocket subscribers of
 * one tenant, the one that reads gets every event in time while the other one's events pile up; the
 * one that stopped is cut off with 4008 once more events wait for it than the queue limit (200 for
 * the system tests, integration-tests/pom.xml), and resumes by seq without a gap.
 *
 * <p>No worker runs: the test reports the job's progress itself the way a worker's {@code
 * update_state} does (Celery's result backend: SET and PUBLISH {@code celery-task-meta-<id>}), each
 * with a step of its own so that the progress throttle lets every one through.
 */
class SlowConsumerIT {

  /** Jobs reporting side by side (their states are applied on different lanes). */
  private static final int JOBS = 4;

  /**
   * Reports per job and round; the test goes on round after round until the slow one is cut. A
   * round's events (40) stay well under the queue limit (200 in the system tests), so the reading
   * client never has that many waiting; and each job reports at least once a second, so the
   * lost-work sweeper (10 s in the system tests) never takes a job for silent.
   */
  private static final int PER_ROUND = 10;

  /**
   * How long the rounds go on at most: the server gives up on the client at a heartbeat (every 15
   * s) once it has not confirmed more than the queue limit of the frames sent before the previous
   * ping, so the cut comes within three heartbeats of the first round.
   */
  private static final Duration MAX_WAIT = Duration.ofSeconds(120);

  private static final String PADDING = "x".repeat(480);

  @Test
  void aClientThatStopsReadingIsCutOffWithoutDelayingAnotherAndResumesBySeq() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "viewer");
    try (EventSocket fast = EventSocket.bearer(token);
        RawSubscriber slow = RawSubscriber.open(token);
        JedisPooled redis = Broker.connect()) {
      fast.subscribeTenant("fast");
      slow.subscribeTenant("slow");
      Map<String, String> tasks = new LinkedHashMap<>();
      for (int j = 0; j < JOBS; j++) {
        String jobId =
            Uploads.create(tenant, "slow-" + j + ".csv", SampleFiles.csv(tenant + j))
                .path("id")
                .asText();
        tasks.put(jobId, awaitTaskId(UUID.fromString(jobId)));
      }
      int open = stableLiveConnections();

      // Round after round every job reports; the reading client gets each round in time, in
      // order, while the other one reads nothing, until the server gives up on that one.
      Map<String, List<Integer>> seen = new HashMap<>();
      int rounds = 0;
      long deadline = System.nanoTime() + MAX_WAIT.toNanos();
      while (liveConnections() >= open && System.nanoTime() < deadline) {
        rounds++;
        slow.pong(); // it is there, it only does not read: not idle (4001)
        round(redis, fast, tasks, "r" + rounds, seen);
        Jobs.sleep(200);
      }
      // The jobs go on after the cut: the reading client has these events at once, the other one
      // only by resuming.
      round(redis, fast, tasks, "after", seen);
      // Whether the server gave up on the other one is what that client finds when it reads again
      // (below): a close frame or a reset, where a client still being served would wait in vain.
      for (Map.Entry<String, List<Integer>> job : seen.entrySet()) {
        List<Integer> seqs = job.getValue();
        assertEquals(
            IntStream.rangeClosed(1, seqs.size()).boxed().toList(),
            seqs,
            "the reading client missed or reordered events of " + job.getKey());
      }

      // The other one reads again: what the server had written before it gave up, then 4008;
      // or, where the container dropped the connection with what it still held for it, a reset
      // after some of it. Either way it has every event up to where it stopped, in order.
      RawSubscriber.Ending ending = slow.readToClose(Duration.ofSeconds(60));
      assertTrue(
          ending.closeCode() == 4008 || ending.closeCode() == RawSubscriber.RESET,
          ending::toString);
      Map<String, List<Integer>> had = new HashMap<>();
      for (JsonNode event : ending.events()) {
        had.computeIfAbsent(event.path("jobId").asText(), j -> new ArrayList<>())
            .add(event.path("seq").asInt());
      }
      for (Map.Entry<String, List<Integer>> job : had.entrySet()) {
        assertEquals(
            IntStream.rangeClosed(1, job.getValue().size()).boxed().toList(),
            job.getValue(),
            "in order until cut off");
      }

      // It comes back and resumes each job after the last event it had: no gap, no repeat.
      try (EventSocket again = EventSocket.bearer(token)) {
        for (String jobId : tasks.keySet()) {
          int from = had.getOrDefault(jobId, List.of()).size() + 1;
          int lastSeq = seen.get(jobId).get(seen.get(jobId).size() - 1);
          JsonNode ack =
              again.command(
                  jobId,
                  "{\"type\":\"subscribe\",\"id\":\""
                      + jobId
                      + "\",\"jobId\":\""
                      + jobId
                      + "\",\"fromSeq\":"
                      + from
                      + "}");
          assertEquals("ack", ack.path("type").asText(), ack::toString);
          // Where it had everything already (the server wrote all of it before it gave up),
          // nothing is replayed.
          List<Integer> resumed = new ArrayList<>();
          int upTo = from - 1;
          while (upTo < lastSeq) {
            upTo =
                again
                    .next(m -> jobId.equals(m.path("jobId").asText()), Duration.ofSeconds(30))
                    .path("seq")
                    .asInt();
            resumed.add(upTo);
          }
          assertEquals(IntStream.rangeClosed(from, lastSeq).boxed().toList(), resumed);
        }
      }
    }
  }

  /**
   * Every job reports {@link #PER_ROUND} times; the reading client gets all of it in time and in
   * order (the jobs' events interleave: it reads them as they come, until each job's last one).
   */
  private static void round(
      JedisPooled redis,
      EventSocket fast,
      Map<String, String> tasks,
      String name,
      Map<String, List<Integer>> seen) {
    long started = System.nanoTime();
    for (int i = 1; i <= PER_ROUND; i++) {
      for (String taskId : tasks.values()) {
        report(redis, taskId, name + "-" + i);
      }
    }
    String last = "report " + name + "-" + PER_ROUND + " ";
    Set<String> waiting = new HashSet<>(tasks.keySet());
    while (!waiting.isEmpty()) {
      JsonNode event =
          fast.next(m -> tasks.containsKey(m.path("jobId").asText()), Duration.ofSeconds(30));
      String jobId = event.path("jobId").asText();
      seen.computeIfAbsent(jobId, j -> new ArrayList<>()).add(event.path("seq").asInt());
      if (event.path("data").path("message").asText().startsWith(last)) {
        waiting.remove(jobId);
      }
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(
        took.compareTo(Duration.ofSeconds(30)) < 0,
        "round " + name + " took " + took + " to reach the reading client");
  }

  /** A PROGRESS state as a worker's {@code update_state} stores it: SET, then PUBLISH. */
  private static void report(JedisPooled redis, String taskId, String step) {
    String meta =
        "{\"status\":\"PROGRESS\",\"result\":{\"step\":\""
            + step
            + "\",\"percent\":50,\"message\":\"report "
            + step
            + " "
            + PADDING
            + "\"},\"traceback\":null,\"children\":[],\"date_done\":null,\"task_id\":\""
            + taskId
            + "\"}";
    redis.set("celery-task-meta-" + taskId, meta);
    redis.publish("celery-task-meta-" + taskId, meta);
  }

  /** The server's open live connections (its metrics), once the number holds still. */
  private static int stableLiveConnections() {
    int before = liveConnections();
    while (true) {
      Jobs.sleep(1000);
      int now = liveConnections();
      if (now == before) {
        return now;
      }
      before = now;
    }
  }

  private static int liveConnections() {
    ApiResponse metrics = Api.call("GET", TestEnvironment.serverUri("/metrics")).send();
    for (String line : metrics.text().split("\n")) {
      if (line.startsWith("fileparser_live_connections")) {
        return (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no fileparser_live_connections in the metrics");
  }

  /** The Celery task id of the job once it is dispatched. */
  private static String awaitTaskId(UUID jobId) throws SQLException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try (Connection c = Database.connect();
          PreparedStatement st =
              c.prepareStatement("select celery_task_id from jobs where id = ?")) {
        st.setObject(1, jobId);
        try (ResultSet rs = st.executeQuery()) {
          if (rs.next() && rs.getString(1) != null) {
            return rs.getString(1);
          }
        }
      }
      Jobs.sleep(200);
    }
    throw new AssertionError("job " + jobId + " was not dispatched within 60 s");
  }

  /**
   * A WebSocket client on a plain socket with a small receive buffer, so that when it stops reading
   * the server soon cannot write to it: what a client on a stalled mobile network looks like.
   */
  private static final class RawSubscriber implements AutoCloseable {

    /** What the client read once it read again: the events, and the close code at the end. */
    record Ending(List<JsonNode> events, int closeCode) {}

    /** The close code of an ending without a close frame: the connection was reset. */
    static final int RESET = -1;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawSubscriber(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new DataInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
    }

    static RawSubscriber open(String token) throws IOException {
      URI uri = TestEnvironment.apiUri("/websocket");
      Socket socket = new Socket();
      socket.setReceiveBufferSize(4096); // before connecting: the window it offers
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
      socket.setSoTimeout(30_000);
      RawSubscriber client = new RawSubscriber(socket);
      byte[] nonce = new byte[16];
      new java.security.SecureRandom().nextBytes(nonce);
      String request =
          "GET "
              + uri.getPath()
              + " HTTP/1.1\r\nHost: "
              + uri.getHost()
              + ":"
              + uri.getPort()
              + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
              + "Sec-WebSocket-Key: "
              + Base64.getEncoder().encodeToString(nonce)
              + "\r\nAuthorization: Bearer "
              + token
              + "\r\n\r\n";
      client.out.write(request.getBytes(StandardCharsets.US_ASCII));
      client.out.flush();
      String head = client.readHead();
      assertTrue(head.startsWith("HTTP/1.1 101"), head);
      return client;
    }

    void subscribeTenant(String id) throws IOException {
      sendText("{\"type\":\"subscribe\",\"id\":\"" + id + "\",\"scope\":\"tenant\"}");
      JsonNode ack = ApiResponse.JSON.readTree(nextText());
      assertEquals("ack", ack.path("type").asText(), ack::toString);
    }

    /** Reads every frame until the server's close frame; its code, and the events before it. */
    Ending readToClose(Duration timeout) throws IOException {
      long deadline = System.nanoTime() + timeout.toNanos();
      List<JsonNode> events = new ArrayList<>();
      while (System.nanoTime() < deadline) {
        int opcode;
        byte[] payload;
        try {
          opcode = in.readUnsignedByte() & 0x0f;
          payload = payload();
        } catch (java.net.SocketException | java.io.EOFException e) {
          return new Ending(events, RESET); // the frames cut short are the server's to resend
        }
        if (opcode == 0x8) {
          int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
          return new Ending(events, code);
        }
        if (opcode == 0x1) {
          JsonNode message = ApiResponse.JSON.readTree(payload);
          if (message.path("type").asText().startsWith("job.")) {
            events.add(message);
          }
        }
      }
      throw new AssertionError("no close frame within " + timeout + " after " + events.size());
    }

    private String nextText() throws IOException {
      while (true) {
        int opcode = in.readUnsignedByte() & 0x0f;
        byte[] payload = payload();
        if (opcode == 0x1) {
          return new String(payload, StandardCharsets.UTF_8);
        }
      }
    }

    /** The rest of a frame after its first byte (the server's frames are not masked). */
    private byte[] payload() throws IOException {
      long length = in.readUnsignedByte() & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[Math.toIntExact(length)];
      in.readFully(payload);
      return payload;
    }

    /** An unsolicited pong: the client is alive, whatever it reads. */
    void pong() {
      try {
        send(0x8A, new byte[0]);
      } catch (IOException e) {
        // the server has given up on this client already: the test finds out by its metrics
      }
    }

    private void sendText(String text) throws IOException {
      send(0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    private void send(int first, byte[] data) throws IOException {
      byte[] mask = {1, 2, 3, 4};
      ByteArrayOutputStream frame = new ByteArrayOutputStream();
      frame.write(first);
      if (data.length < 126) {
        frame.write(0x80 | data.length);
      } else {
        frame.write(0x80 | 126);
        frame.write(data.length >> 8);
        frame.write(data.length & 0xff);
      }
      frame.write(mask);
      for (int i = 0; i < data.length; i++) {
        frame.write(data[i] ^ mask[i % 4]);
      }
      out.write(frame.toByteArray());
      out.flush();
    }

    private String readHead() throws IOException {
      InputStream raw = in;
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < 4) {
        int b = raw.read();
        if (b < 0) {
          break;
        }
        head.write(b);
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      return head.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
