package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The broker is restarted (losing everything it held) while jobs are being dispatched: the outbox
 * and the lost-work sweep still bring every job to completion, and none completes twice.
 */
class RedisRestartIT {

  private static final int JOBS = 200;

  @Test
  void allJobsCompleteOnceWhenRedisRestartsDuringDispatch() throws Exception {
    String tenant = Tenants.fresh();
    String token = Tokens.of(tenant, "member");
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    ExecutorService uploaders = Executors.newFixedThreadPool(4);
    try (Workers worker = Workers.start(4)) {
      List<Future<?>> uploads = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        int n = i;
        uploads.add(
            uploaders.submit(
                () ->
                    ids.add(
                        Uploads.create(tenant, "calls-" + n + ".csv", SampleFiles.csv(tenant + n))
                            .path("id")
                            .asText())));
        if (i == JOBS / 3) {
          uploaders.submit(Broker::restart);
        }
      }
      for (Future<?> upload : uploads) {
        upload.get();
      }
      // The worker lost its connection too; Celery reconnects by itself.
      Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
      List<String> unfinished = new ArrayList<>(ids);
      while (!unfinished.isEmpty() && Instant.now().isBefore(deadline)) {
        unfinished.removeIf(
            id ->
                !Jobs.status(token, id).path("state").asText().equals("QUEUED")
                    && !Jobs.status(token, id).path("state").asText().equals("RUNNING"));
        Jobs.sleep(1000);
      }
      assertTrue(unfinished.isEmpty(), () -> unfinished.size() + " jobs never finished");
    } finally {
      uploaders.shutdownNow();
    }
    assertEquals(JOBS, ids.size());
    for (String id : ids) {
      JsonNode job = Jobs.status(token, id);
      assertEquals("COMPLETED", job.path("state").asText(), job::toString);
      int completions = 0;
      for (JsonNode entry : Jobs.history(token, id)) {
        completions += entry.path("state").asText().equals("COMPLETED") ? 1 : 0;
      }
      assertEquals(1, completions, () -> "job " + id + " completed more than once");
    }
  }
}
