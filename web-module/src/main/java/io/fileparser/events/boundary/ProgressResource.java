package io.fileparser.events.boundary;

import io.fileparser.events.EventId;
import io.fileparser.events.EventReplay;
import io.fileparser.events.LiveEvents;
import io.fileparser.jobs.JobHistory;
import io.fileparser.jobs.JobService;
import io.fileparser.jobs.JobView;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Server-sent events: {@code GET /progress/{jobId}} streams one job's events (its history first, or
 * what follows {@code Last-Event-ID}, then live) and ends after the terminal one; {@code GET
 * /progress} streams every event of the caller's tenant from now on, or resumed after the event
 * named by {@code Last-Event-ID}. Each event's data is the job event JSON; heartbeats are comments.
 */
@Path("progress")
@RequestScoped
@AllowedRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
@Tag(name = "Events")
public class ProgressResource {

  @Inject CallerResolver callers;
  @Inject JobService jobs;
  @Inject LiveEvents live;
  @Inject EventReplay replay;
  @Inject OpenStreams streams;
  @Context Sse sse;

  @GET
  @Path("{jobId}")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      operationId = "streamJobEvents",
      summary = "Stream a job's events (SSE): its history or what follows Last-Event-ID, then live",
      description =
          "Each event's id is the job's seq and its data the job event JSON; the stream ends after"
              + " the job's terminal event. Resuming with the Last-Event-ID of the terminal event"
              + " answers 204, which tells an EventSource to stop.")
  @APIResponse(responseCode = "200", description = "The event stream")
  @APIResponse(responseCode = "204", description = "The job ended and the client has every event")
  public void job(
      @PathParam("jobId") UUID jobId,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @Context SseEventSink sink) {
    Caller caller = callers.current();
    JobView job = jobs.find(caller, jobId);
    int afterSeq =
        lastEventId == null || lastEventId.isBlank()
            ? 0
            : JobHistory.seq(
                lastEventId, "Last-Event-ID of a job's stream (the last seq received)");
    if (replay.hasHadAll(caller.tenantId(), job.id(), afterSeq)) {
      throw new WebApplicationException(Response.noContent().build());
    }
    open(caller, sink, true).stream().follow(job.id(), afterSeq);
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      operationId = "streamTenantEvents",
      summary = "Stream every event of the caller's tenant's jobs (SSE): live, or resumed",
      description =
          "Each event's id is <jobId>:<seq> and its data the job event JSON. With Last-Event-ID the"
              + " events recorded since that one (less a margin of 10 s) come first; events of other"
              + " jobs within the margin may come again: their ids tell them apart. The tenant's"
              + " resumable uploads' and bulk operations' progress comes too, as upload.progress"
              + " and bulk.progress events without an id.")
  @APIResponse(responseCode = "200", description = "The event stream")
  public void tenant(@HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink) {
    Caller caller = callers.current();
    if (lastEventId == null || lastEventId.isBlank()) {
      open(caller, sink, false).stream().followAll();
      return;
    }
    EventId last = EventId.parse(lastEventId);
    Instant recordedAt = replay.recordedAt(caller.tenantId(), last);
    open(caller, sink, false).stream().resumeAll(last, recordedAt);
  }

  private LiveEvents.Subscription open(Caller caller, SseEventSink sink, boolean perJob) {
    SseConnection connection = new SseConnection(sink, sse, caller.tenantId(), perJob, streams);
    streams.admit(caller.tenantId(), connection);
    LiveEvents.Subscription subscription = live.open(caller.tenantId(), connection);
    connection.attach(subscription);
    return subscription;
  }
}
