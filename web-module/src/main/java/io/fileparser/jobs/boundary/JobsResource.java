package io.fileparser.jobs.boundary;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.jobs.Cursor;
import io.fileparser.jobs.JobPage;
import io.fileparser.jobs.JobQuery;
import io.fileparser.jobs.JobService;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /jobs}: the tenant's jobs, filtered by state, format, creation time and file name,
 * sorted by creation time, in pages linked by an opaque cursor.
 */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
@Tag(name = "Jobs")
public class JobsResource {

  @Inject JobService jobs;
  @Inject CallerResolver callers;

  @GET
  @Operation(summary = "List jobs with filters and cursor pagination")
  public JobPage list(
      @Parameter(description = "States, repeatable or comma-separated, e.g. QUEUED,FAILED")
          @QueryParam("state")
          List<String> states,
      @Parameter(description = "Formats: PDF, CSV, CDR") @QueryParam("format") List<String> formats,
      @Parameter(description = "Created at or after (ISO-8601)") @QueryParam("createdFrom")
          String createdFrom,
      @Parameter(description = "Created before (ISO-8601)") @QueryParam("createdTo")
          String createdTo,
      @Parameter(description = "Case-insensitive part of the file name") @QueryParam("filename")
          String filename,
      @Parameter(description = "created (oldest first) or -created (newest first, default)")
          @QueryParam("sort")
          @DefaultValue("-created")
          String sort,
      @QueryParam("limit") @DefaultValue("50") String limitText,
      @QueryParam("cursor") String cursor) {
    int limit = Limits.parse(limitText, JobQuery.MAX_LIMIT);
    if (limit < 1 || limit > JobQuery.MAX_LIMIT) {
      throw invalid("limit must be between 1 and " + JobQuery.MAX_LIMIT);
    }
    if (!sort.equals("created") && !sort.equals("-created")) {
      throw invalid("sort must be 'created' or '-created'");
    }
    if (filename != null && filename.length() > 255) {
      throw invalid("filename filter must be at most 255 characters");
    }
    JobQuery query =
        new JobQuery(
            parse(states, JobState.class, "state"),
            parse(formats, FileFormat.class, "format"),
            instant(createdFrom, "createdFrom"),
            instant(createdTo, "createdTo"),
            filename,
            sort.equals("-created"),
            limit,
            cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor));
    return jobs.list(callers.current(), query);
  }

  private static <E extends Enum<E>> Set<E> parse(List<String> values, Class<E> type, String name) {
    Set<E> result = EnumSet.noneOf(type);
    for (String value : values) {
      for (String item : value.split(",")) {
        if (item.isBlank()) {
          continue;
        }
        try {
          result.add(Enum.valueOf(type, item.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw invalid(name + " '" + item.strip() + "' is not one of " + EnumSet.allOf(type));
        }
      }
    }
    return result;
  }

  private static Instant instant(String value, String name) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw invalid(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
    }
  }

  private static ProblemException invalid(String detail) {
    return new ProblemException(ProblemType.INVALID_REQUEST, detail);
  }
}
