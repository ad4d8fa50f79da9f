package io.fileparser.events.boundary;

import io.fileparser.events.EventStream;
import io.fileparser.events.JobEventMessage;
import io.fileparser.events.LiveEvents;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One SSE stream: each event as {@code id: <id>}, {@code retry: <ms>}, {@code data: <json>};
 * heartbeats as comments. A per-job stream (ids are the job's seq) ends after the job's terminal
 * event; a tenant-wide one (ids are {@code <jobId>:<seq>}) lasts until the client leaves.
 */
final class SseConnection implements EventStream.Sink, OpenStreams.Connection {

  /** What a browser's EventSource waits before it reconnects. */
  static final long RETRY_MILLIS = 3000;

  private final SseEventSink sink;
  private final Sse sse;
  private final String tenantId;
  private final boolean perJob;
  private final OpenStreams streams;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile LiveEvents.Subscription subscription;

  SseConnection(SseEventSink sink, Sse sse, String tenantId, boolean perJob, OpenStreams streams) {
    this.sink = sink;
    this.sse = sse;
    this.tenantId = tenantId;
    this.perJob = perJob;
    this.streams = streams;
  }

  void attach(LiveEvents.Subscription subscription) {
    this.subscription = subscription;
  }

  @Override
  public CompletionStage<?> send(JobEventMessage event, String json) {
    if (sink.isClosed()) {
      close();
      return CompletableFuture.failedFuture(new IllegalStateException("the client has gone"));
    }
    return sink.send(
        sse.newEventBuilder()
            .id(perJob ? Integer.toString(event.seq()) : event.id())
            .reconnectDelay(RETRY_MILLIS)
            .data(json)
            .build());
  }

  /** Without an id: Last-Event-ID stays the last job event's, where a reconnect resumes. */
  @Override
  public CompletionStage<?> sendReading(String json) {
    if (sink.isClosed()) {
      close();
      return CompletableFuture.failedFuture(new IllegalStateException("the client has gone"));
    }
    return sink.send(sse.newEventBuilder().reconnectDelay(RETRY_MILLIS).data(json).build());
  }

  @Override
  public void overflowed() {
    close();
  }

  @Override
  public void finished(UUID jobId) {
    if (perJob) {
      close();
    }
  }

  @Override
  public void heartbeat() {
    if (sink.isClosed()) {
      close();
      return;
    }
    sink.send(sse.newEventBuilder().comment("heartbeat").build())
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                close();
              }
            });
  }

  @Override
  public void shutDown() {
    close();
  }

  void close() {
    if (closed.compareAndSet(false, true)) {
      LiveEvents.Subscription current = subscription;
      if (current != null) {
        current.close();
      }
      streams.release(tenantId, this);
      sink.close();
    }
  }
}
