package io.fileparser.resumable.boundary;

import static io.fileparser.upload.boundary.UploadParameters.PREFER;

import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.resumable.ChunkChecksum;
import io.fileparser.resumable.NewUpload;
import io.fileparser.resumable.ResumableUploads;
import io.fileparser.resumable.UploadStatus;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import io.fileparser.upload.UploadOptions;
import io.fileparser.upload.boundary.UploadParameters;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /upload/stream}: resumable uploads by the tus 1.0.0 protocol (core, creation,
 * creation-with-upload, creation-defer-length, termination, checksum, expiration, concatenation and
 * concatenation-unfinished), so that tus clients work unmodified; plus {@code GET} of an upload's
 * progress as JSON. {@code Upload-Metadata} carries {@code filename} (or {@code name}), {@code
 * filetype} (or {@code type}) and the options of {@code POST /upload}: {@code priority}, {@code
 * templateId}, {@code templateVersion}, {@code metadata}, {@code queuePriority}, {@code dependsOn},
 * {@code onDependencyFailure} and {@code scheduleAt}.
 */
@Path("upload/stream")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Upload")
@AllowedRoles({Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
public class ResumableUploadResource {

  private static final String PREFER_DESCRIPTION =
      "RFC 7240 preferences; with respond-async the chunk that completes a file of 1 MiB or more is"
          + " answered once the file is stored and validated, without waiting for the virus"
          + " scanner's verdict (Preference-Applied: respond-async; its job then waits in"
          + " SCANNING); other preferences are ignored";

  @Inject ResumableUploads uploads;
  @Inject CallerResolver callers;
  @Context UriInfo uri;

  @OPTIONS
  @Operation(
      operationId = "describeResumableUploads",
      summary = "The tus versions, extensions, size limit and checksum algorithms served")
  public Response describe() {
    return Response.noContent()
        .header(TusHeaders.TUS_VERSION, TusHeaders.VERSION)
        .header(TusHeaders.TUS_EXTENSION, TusHeaders.EXTENSIONS)
        .header(TusHeaders.TUS_MAX_SIZE, uploads.maxBytes())
        .header(TusHeaders.TUS_CHECKSUM_ALGORITHM, String.join(",", ChunkChecksum.ALGORITHMS))
        .build();
  }

  @POST
  @Consumes(TusHeaders.OFFSET_OCTET_STREAM)
  @Operation(
      operationId = "createResumableUpload",
      summary =
          "Create a resumable upload (tus creation); with a body of type"
              + " application/offset+octet-stream, its first chunk too")
  public Response create(
      InputStream body,
      @HeaderParam(TusHeaders.TUS_RESUMABLE) String version,
      @HeaderParam(TusHeaders.UPLOAD_LENGTH) String length,
      @HeaderParam(TusHeaders.UPLOAD_DEFER_LENGTH) String deferLength,
      @HeaderParam(TusHeaders.UPLOAD_METADATA) String metadata,
      @HeaderParam(TusHeaders.UPLOAD_CHECKSUM) String checksum,
      @Parameter(
              description =
                  "tus concatenation: 'partial' for a part uploaded on its own (in parallel with"
                      + " others), or 'final;' and the partial uploads' URLs separated by spaces"
                      + " for the file they make joined in that order (no Upload-Length, no body)")
          @HeaderParam(TusHeaders.UPLOAD_CONCAT)
          String concatHeader,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1")
          long contentLength,
      @Parameter(description = PREFER_DESCRIPTION) @HeaderParam(PREFER) List<String> prefer) {
    TusHeaders.requireVersion(version);
    Caller caller = callers.current();
    TusHeaders.Concat concat = TusHeaders.concat(concatHeader);
    if (concat != null && concat.isFinal()) {
      return createFinal(caller, concat, length, deferLength, metadata, contentType, contentLength);
    }
    Long declared = TusHeaders.creationLength(length, deferLength);
    Map<String, String> pairs = UploadMetadata.parse(metadata);
    UploadOptions options = options(pairs);
    boolean withChunk = TusHeaders.isChunk(contentType);
    if (!withChunk && contentLength > 0) {
      TusHeaders.requireChunk(contentType);
    }
    ChunkChecksum chunkChecksum = withChunk ? ChunkChecksum.parse(checksum) : null;
    UploadStatus status =
        uploads.create(
            caller,
            new NewUpload(
                declared,
                metadata,
                UploadMetadata.first(pairs, "filename", "name"),
                UploadMetadata.first(pairs, "filetype", "type"),
                options,
                concat != null));
    boolean respondAsync = UploadParameters.respondAsync(prefer);
    boolean answeredEarly = false;
    if (withChunk) {
      ResumableUploads.Appended appended =
          uploads.append(caller, status.id(), 0, null, chunkChecksum, body, respondAsync);
      status = appended.status();
      answeredEarly = appended.answeredEarly();
    }
    Response.ResponseBuilder response =
        Response.created(uri.getAbsolutePathBuilder().path(status.id().toString()).build())
            .header(TusHeaders.UPLOAD_EXPIRES, TusHeaders.httpDate(status.expiresAt()));
    if (withChunk) {
      progress(response, status);
    }
    return UploadParameters.preferenceApplied(response, respondAsync, answeredEarly).build();
  }

  /**
   * A final upload: created at once, joined (and its job created) when all its partials are
   * complete, which may be now.
   */
  private Response createFinal(
      Caller caller,
      TusHeaders.Concat concat,
      String length,
      String deferLength,
      String metadata,
      String contentType,
      long contentLength) {
    if (length != null || deferLength != null) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "a final upload's length is that of its partial uploads: send no Upload-Length");
    }
    if (TusHeaders.isChunk(contentType) || contentLength > 0) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST,
          "a final upload receives no bytes of its own: send them to its partial uploads");
    }
    Map<String, String> pairs = UploadMetadata.parse(metadata);
    UploadOptions options = options(pairs);
    UploadStatus status =
        uploads.createFinal(
            caller,
            new NewUpload(
                null,
                metadata,
                UploadMetadata.first(pairs, "filename", "name"),
                UploadMetadata.first(pairs, "filetype", "type"),
                options,
                false),
            concat.partials());
    Response.ResponseBuilder response =
        Response.created(uri.getAbsolutePathBuilder().path(status.id().toString()).build())
            .header(TusHeaders.UPLOAD_EXPIRES, TusHeaders.httpDate(status.expiresAt()));
    if (status.jobId() != null) {
      response.header(TusHeaders.UPLOAD_JOB_ID, status.jobId());
    }
    return response.build();
  }

  @HEAD
  @Path("{uploadId}")
  @Operation(
      operationId = "getResumableUploadOffset",
      summary = "Where a resumable upload stands, as tus headers (Upload-Offset, Upload-Length)")
  public Response head(
      @PathParam("uploadId") UUID id, @HeaderParam(TusHeaders.TUS_RESUMABLE) String version) {
    TusHeaders.requireVersion(version);
    UploadStatus status = uploads.status(callers.current(), id);
    Response.ResponseBuilder response = Response.ok().header("Cache-Control", "no-store");
    if (status.length() != null) {
      response.header(TusHeaders.UPLOAD_LENGTH, status.length());
    } else if (!status.isFinal()) {
      response.header(TusHeaders.UPLOAD_DEFER_LENGTH, "1");
    }
    if (status.rawMetadata() != null) {
      response.header(TusHeaders.UPLOAD_METADATA, status.rawMetadata());
    }
    if (status.isPartial()) {
      response.header(TusHeaders.UPLOAD_CONCAT, "partial");
    } else if (status.isFinal()) {
      response.header(TusHeaders.UPLOAD_CONCAT, finalConcat(status));
      if (!status.state().equals("completed")) {
        // tus: no Upload-Offset for a final upload until it is joined (its offset is undefined).
        return response
            .header(TusHeaders.UPLOAD_EXPIRES, TusHeaders.httpDate(status.expiresAt()))
            .build();
      }
    }
    return progress(response, status).build();
  }

  @PATCH
  @Path("{uploadId}")
  @Consumes(TusHeaders.OFFSET_OCTET_STREAM)
  @Operation(
      operationId = "appendResumableUpload",
      summary =
          "Append a chunk (application/offset+octet-stream) at Upload-Offset; the chunk that"
              + " completes the upload creates its job (Upload-Job-Id)")
  public Response append(
      InputStream body,
      @PathParam("uploadId") UUID id,
      @HeaderParam(TusHeaders.TUS_RESUMABLE) String version,
      @HeaderParam(TusHeaders.UPLOAD_OFFSET) String offset,
      @HeaderParam(TusHeaders.UPLOAD_LENGTH) String length,
      @HeaderParam(TusHeaders.UPLOAD_CHECKSUM) String checksum,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Parameter(description = PREFER_DESCRIPTION) @HeaderParam(PREFER) List<String> prefer) {
    TusHeaders.requireVersion(version);
    Caller caller = callers.current();
    TusHeaders.requireChunk(contentType);
    Long claimed = TusHeaders.wholeNumber(TusHeaders.UPLOAD_OFFSET, offset);
    if (claimed == null) {
      throw new ProblemException(ProblemType.INVALID_REQUEST, "send Upload-Offset with a chunk");
    }
    boolean respondAsync = UploadParameters.respondAsync(prefer);
    ResumableUploads.Appended appended =
        uploads.append(
            caller,
            id,
            claimed,
            TusHeaders.wholeNumber(TusHeaders.UPLOAD_LENGTH, length),
            ChunkChecksum.parse(checksum),
            body,
            respondAsync);
    return UploadParameters.preferenceApplied(
            progress(Response.noContent(), appended.status()),
            respondAsync,
            appended.answeredEarly())
        .build();
  }

  @DELETE
  @Path("{uploadId}")
  @Operation(
      operationId = "terminateResumableUpload",
      summary = "Terminate a resumable upload (tus termination); what it received is removed")
  public Response terminate(
      @PathParam("uploadId") UUID id, @HeaderParam(TusHeaders.TUS_RESUMABLE) String version) {
    TusHeaders.requireVersion(version);
    uploads.terminate(callers.current(), id);
    return Response.noContent().build();
  }

  @GET
  @Path("{uploadId}")
  @Operation(
      operationId = "getResumableUpload",
      summary =
          "A resumable upload's progress: offset, length, speed, time left, expiry; its job and"
              + " SHA-256 once complete")
  public UploadStatus status(
      @PathParam("uploadId") UUID id, @HeaderParam(TusHeaders.TUS_RESUMABLE) String version) {
    // Not a tus request, so the header may be left out; a version sent must be ours.
    if (version != null) {
      TusHeaders.requireVersion(version);
    }
    return uploads.status(callers.current(), id);
  }

  private String finalConcat(UploadStatus status) {
    StringBuilder value = new StringBuilder("final;");
    for (UUID partial : status.partials()) {
      value
          .append(value.length() > "final;".length() ? " " : "")
          .append(
              uri.getBaseUriBuilder()
                  .path(ResumableUploadResource.class)
                  .path(partial.toString())
                  .build());
    }
    return value.toString();
  }

  private static Response.ResponseBuilder progress(
      Response.ResponseBuilder response, UploadStatus status) {
    response
        .header(TusHeaders.UPLOAD_OFFSET, status.offset())
        .header(TusHeaders.UPLOAD_EXPIRES, TusHeaders.httpDate(status.expiresAt()));
    if (status.jobId() != null) {
      response.header(TusHeaders.UPLOAD_JOB_ID, status.jobId());
    }
    return response;
  }

  /** The job options a client gives in Upload-Metadata, held to the rules of every upload. */
  private static UploadOptions options(Map<String, String> pairs) {
    return UploadParameters.options(
        pairs.get("priority"),
        pairs.get("templateId"),
        pairs.get("metadata"),
        pairs.get("queuePriority"),
        pairs.get("templateVersion"),
        pairs.get("dependsOn"),
        pairs.get("onDependencyFailure"),
        pairs.get("scheduleAt"));
  }
}
