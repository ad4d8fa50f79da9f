package io.fileparser.jobs.boundary;

import io.fileparser.jobs.JobFilter;
import io.fileparser.jobs.JobPage;
import io.fileparser.jobs.JobQuery;
import io.fileparser.jobs.JobService;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /jobs}: the tenant's jobs, filtered and searched ({@link JobFilter}), sorted by
 * creation time, in pages linked by an opaque cursor, with their number on request.
 */
@Path("jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER, Role.SERVICE})
@Tag(name = "Jobs")
public class JobsResource {

  @Inject JobService jobs;
  @Inject CallerResolver callers;

  @GET
  @Operation(operationId = "listJobs", summary = "List jobs with filters and cursor pagination")
  public JobPage list(
      @Parameter(description = "States, repeatable or comma-separated, e.g. QUEUED,FAILED")
          @QueryParam("state")
          List<String> states,
      @Parameter(description = "Formats: PDF, CSV, CDR") @QueryParam("format") List<String> formats,
      @Parameter(description = "Priorities 0-9, repeatable or comma-separated, e.g. 7,8,9")
          @QueryParam("priority")
          List<String> priorities,
      @Parameter(description = "Created at or after (ISO-8601)") @QueryParam("createdFrom")
          String createdFrom,
      @Parameter(description = "Created before (ISO-8601)") @QueryParam("createdTo")
          String createdTo,
      @Parameter(
              description =
                  "Finished (completed, failed, cancelled or dead-lettered) at or after"
                      + " (ISO-8601)")
          @QueryParam("completedFrom")
          String completedFrom,
      @Parameter(description = "Finished before (ISO-8601)") @QueryParam("completedTo")
          String completedTo,
      @Parameter(description = "Case-insensitive part of the file name") @QueryParam("filename")
          String filename,
      @Parameter(
              description =
                  "Text search: every term (blank-separated, \"a phrase\" in double quotes, 2-100"
                      + " characters, at most 8) a case-insensitive part of the file name or the"
                      + " metadata")
          @QueryParam("q")
          String q,
      @Parameter(description = "Template asked for at upload or matched by the worker")
          @QueryParam("template")
          String template,
      @Parameter(description = "Version of that template (needs template)")
          @QueryParam("templateVersion")
          String templateVersion,
      @Parameter(
              description =
                  "true: classified as needing a person's mapping; false: classified without one")
          @QueryParam("needsMapping")
          String needsMapping,
      @Parameter(description = "Category of the last failure, repeatable or comma-separated")
          @QueryParam("errorCategory")
          List<String> errorCategories,
      @Parameter(description = "Who uploaded the job, as the job shows it (user:<subject>)")
          @QueryParam("submittedBy")
          String submittedBy,
      @Parameter(description = "Metadata condition key:value (the value as text), repeatable")
          @QueryParam("metadata")
          List<String> metadata,
      @Parameter(
              description =
                  "-created (newest first, default), created (oldest first), -priority (most urgent"
                      + " first, oldest first within a priority) or priority (the reverse)")
          @QueryParam("sort")
          @DefaultValue("-created")
          String sort,
      @QueryParam("limit") @DefaultValue("50") String limit,
      @QueryParam("cursor") String cursor,
      @Parameter(description = "true: the page holds the number of jobs the filters select")
          @QueryParam("total")
          String total) {
    JobFilter.Input filter =
        new JobFilter.Input(
            limited(states, 20, "state"),
            limited(formats, 10, "format"),
            limited(priorities, 10, "priority"),
            createdFrom,
            createdTo,
            completedFrom,
            completedTo,
            filename,
            q,
            template,
            templateVersion,
            needsMapping,
            limited(errorCategories, 20, "errorCategory"),
            submittedBy,
            limited(metadata, 10, "metadata"));
    return jobs.list(callers.current(), JobQuery.parse(filter, sort, limit, cursor, total));
  }

  private static List<String> limited(List<String> values, int most, String name) {
    if (values != null && values.size() > most) {
      throw new ProblemException(
          ProblemType.INVALID_REQUEST, name + " may be given at most " + most + " times");
    }
    return values;
  }
}
