package io.fileparser.upload.boundary;

import io.fileparser.jobs.JobView;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import io.fileparser.upload.ReceivedFile;
import io.fileparser.upload.UploadOptions;
import io.fileparser.upload.UploadOutcome;
import io.fileparser.upload.UploadService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.MultipartInput;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /upload}: a {@code multipart/form-data} body with the field {@code file} (and
 * optional {@code priority}, {@code templateId}, {@code metadata}, {@code dependsOn}, {@code
 * onDependencyFailure}, {@code scheduleAt}), or a raw body named by {@code Content-Disposition}
 * with the options as query parameters. Both hand a stream to the same pipeline.
 */
@Path("upload")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Upload")
public class UploadResource {

  static final String FILE_FIELD = "file";

  /**
   * Both methods are one operation in the OpenAPI document (one path and method), whose request
   * body {@code api.UploadRequestBody} describes; the transport headers are no parameters of it.
   */
  private static final String SUMMARY =
      "Upload a file, as multipart/form-data (field 'file') or as the raw body named by"
          + " Content-Disposition, and create its job";

  private static final Logger LOG = Logger.getLogger(UploadResource.class.getName());

  /** Room for the multipart framing and form fields around the file itself. */
  private static final long ENVELOPE_ALLOWANCE = 1024 * 1024;

  /** The most parts a form may have: the file and a handful of options, with room to spare. */
  static final int MAX_PARTS = 16;

  /** The most bytes that may follow the form's closing delimiter (an epilogue, ignored). */
  static final long MAX_EPILOGUE_BYTES = 64 * 1024;

  /** The most bytes all form fields together may have (each also has its own limit). */
  static final int MAX_FIELD_BYTES = 64 * 1024;

  /**
   * RFC 7240: with {@code respond-async} a large file's answer does not wait for the virus
   * scanner's verdict once the bytes are stored and checked; the job waits in {@code SCANNING}.
   */
  static final String PREFER = UploadParameters.PREFER;

  private static final String PREFER_DESCRIPTION =
      "RFC 7240 preferences; with respond-async a file over 1 MiB is answered once stored and"
          + " validated, without waiting for the virus scanner's verdict (its job then waits in"
          + " SCANNING); other preferences are ignored";

  @Inject UploadService uploads;
  @Inject CallerResolver callers;
  @Context UriInfo uri;

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  @AllowedRoles({Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
  @Operation(operationId = "uploadFile", summary = SUMMARY)
  public Response multipart(
      InputStream body,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1")
          long contentLength,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @Parameter(description = PREFER_DESCRIPTION) @HeaderParam(PREFER) List<String> prefer) {
    Caller caller = callers.current();
    boolean respondAsync = UploadParameters.respondAsync(prefer);
    String key = UploadParameters.idempotencyKey(idempotencyKey);
    refuseOversizedBody(contentLength, ENVELOPE_ALLOWANCE);
    Map<String, String> fields = new HashMap<>();
    ReceivedFile received = null;
    try {
      FileItemInputIterator parts =
          new MultipartReader()
              .getItemIterator(new MultipartReader.Body(contentType, contentLength, body));
      // Holds a body without Content-Length (chunked) to the same limit as the bytes arrive.
      parts.setSizeMax(uploads.maxBytes() + ENVELOPE_ALLOWANCE);
      int count = 0;
      int fieldBytes = 0;
      while (parts.hasNext()) {
        FileItemInput part = parts.next();
        if (++count > MAX_PARTS) {
          throw formTooLarge("a form may have at most " + MAX_PARTS + " parts");
        }
        if (FILE_FIELD.equals(part.getFieldName()) && !part.isFormField()) {
          if (received != null) {
            throw new ProblemException(
                ProblemType.MULTIPLE_FILES, "send one file per request in the field 'file'");
          }
          try (InputStream content = part.getInputStream()) {
            received =
                uploads.receive(
                    caller, content, part.getName(), part.getContentType(), respondAsync);
          }
        } else if (part.isFormField()) {
          String value = readField(part);
          fieldBytes += value.getBytes(StandardCharsets.UTF_8).length;
          if (fieldBytes > MAX_FIELD_BYTES) {
            throw formTooLarge("the form fields may have at most " + MAX_FIELD_BYTES + " bytes");
          }
          if (fields.put(part.getFieldName(), value) != null) {
            throw new ProblemException(
                ProblemType.INVALID_REQUEST,
                "the form field '" + part.getFieldName() + "' appears more than once");
          }
        } else if (received == null) {
          throw new ProblemException(
              ProblemType.MISSING_FILE,
              "the form has no file part named 'file' (its file part is named '"
                  + part.getFieldName()
                  + "')");
        } else {
          throw new ProblemException(
              ProblemType.UNEXPECTED_PART,
              "only the part 'file' may carry a file; this form has another named '"
                  + part.getFieldName()
                  + "'");
        }
      }
      if (count == 0) {
        throw new ProblemException(
            ProblemType.MALFORMED_MULTIPART,
            "the body has no part delimited by the boundary declared in Content-Type");
      }
      if (received == null) {
        throw new ProblemException(
            ProblemType.MISSING_FILE, "the form has no file part named 'file'");
      }
      readToTheEnd(body);
      UploadOptions options =
          UploadParameters.options(
              fields.get("priority"),
              fields.get("templateId"),
              fields.get("metadata"),
              fields.get("queuePriority"),
              fields.get("templateVersion"),
              fields.get("dependsOn"),
              fields.get("onDependencyFailure"),
              fields.get("scheduleAt"));
      ReceivedFile file = received;
      received = null;
      return created(
          uploads.submit(caller, file, options, key), respondAsync, file.answeredEarly());
    } catch (InvalidPathException e) {
      throw new ProblemException(
          ProblemType.INVALID_FILENAME, "the file name contains a NUL character");
    } catch (FileUploadSizeException e) {
      if (e.getPermitted() == MultipartInput.DEFAULT_PART_HEADER_SIZE_MAX) {
        throw formTooLarge(
            "the header lines of a part may have at most "
                + MultipartInput.DEFAULT_PART_HEADER_SIZE_MAX
                + " bytes together; send a long file name with a raw upload (Content-Disposition)");
      }
      throw new ProblemException(
          ProblemType.FILE_TOO_LARGE,
          "the request body is larger than the limit of " + uploads.maxBytes() + " bytes",
          Map.of("maxBytes", uploads.maxBytes()));
    } catch (IOException e) {
      // The parser's message may carry the transport's, in Java's words: logged, not answered.
      LOG.fine(() -> "malformed multipart body: " + e);
      throw new ProblemException(
          ProblemType.MALFORMED_MULTIPART,
          "the multipart body is malformed or cut short; send it as multipart/form-data with the"
              + " boundary declared in Content-Type");
    } finally {
      if (received != null) {
        uploads.discard(received);
      }
    }
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  @AllowedRoles({Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
  @Operation(operationId = "uploadFile", summary = SUMMARY)
  public Response raw(
      InputStream body,
      @HeaderParam("Content-Disposition") String disposition,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1")
          long contentLength,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @QueryParam("priority") String priority,
      @QueryParam("templateId") String templateId,
      @QueryParam("metadata") String metadata,
      @QueryParam("queuePriority") String queuePriority,
      @QueryParam("templateVersion") String templateVersion,
      @QueryParam("dependsOn") String dependsOn,
      @QueryParam("onDependencyFailure") String onDependencyFailure,
      @QueryParam("scheduleAt") String scheduleAt,
      @Parameter(description = PREFER_DESCRIPTION) @HeaderParam(PREFER) List<String> prefer) {
    Caller caller = callers.current();
    boolean respondAsync = UploadParameters.respondAsync(prefer);
    String key = UploadParameters.idempotencyKey(idempotencyKey);
    UploadOptions options =
        UploadParameters.options(
            priority,
            templateId,
            metadata,
            queuePriority,
            templateVersion,
            dependsOn,
            onDependencyFailure,
            scheduleAt);
    uploads.checkOptions(caller, options); // before the body is read, not after
    String filename = ContentDisposition.filename(disposition);
    refuseOversizedBody(contentLength, 0);
    ReceivedFile received = uploads.receive(caller, body, filename, contentType, respondAsync);
    return created(
        uploads.submit(caller, received, options, key), respondAsync, received.answeredEarly());
  }

  private void refuseOversizedBody(long contentLength, long allowance) {
    if (contentLength > uploads.maxBytes() + allowance) {
      throw new ProblemException(
          ProblemType.FILE_TOO_LARGE,
          "the request body is larger than the limit of " + uploads.maxBytes() + " bytes",
          Map.of("maxBytes", uploads.maxBytes()));
    }
  }

  /** 201 with the job, saying whether {@code Prefer: respond-async} was applied. */
  private Response created(UploadOutcome outcome, boolean respondAsync, boolean answeredEarly) {
    JobView job = outcome.job();
    Response.ResponseBuilder response =
        Response.created(uri.getBaseUriBuilder().path("status").path(job.id().toString()).build())
            .entity(job);
    if (outcome.replayed()) {
      response.header("Idempotent-Replayed", "true");
    }
    return UploadParameters.preferenceApplied(response, respondAsync, answeredEarly).build();
  }

  /**
   * Reads what follows the closing delimiter, up to the end the request declared. The form is
   * complete at its delimiter, but the request is not: a client that declared more than it sent and
   * then broke off or went silent must not have its upload accepted (the read fails, and the upload
   * is refused as cut short). The epilogue is legal and ignored, within a bound.
   */
  private static void readToTheEnd(InputStream body) throws IOException {
    byte[] buffer = new byte[8192];
    long epilogue = 0;
    for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
      epilogue += n;
      if (epilogue > MAX_EPILOGUE_BYTES) {
        throw formTooLarge(
            "a form may be followed by at most " + MAX_EPILOGUE_BYTES + " bytes after its end");
      }
    }
  }

  private static ProblemException formTooLarge(String detail) {
    return new ProblemException(ProblemType.FORM_TOO_LARGE, detail);
  }

  private static String readField(FileItemInput part) throws IOException {
    try (InputStream in = part.getInputStream()) {
      byte[] bytes = in.readNBytes(UploadParameters.MAX_METADATA_CHARS * 4 + 1);
      if (bytes.length > UploadParameters.MAX_METADATA_CHARS * 4) {
        throw new ProblemException(
            ProblemType.INVALID_REQUEST,
            "the form field '" + part.getFieldName() + "' is too long");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
