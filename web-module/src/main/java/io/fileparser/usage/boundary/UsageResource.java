package io.fileparser.usage.boundary;

import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import io.fileparser.security.boundary.CallerResolver;
import io.fileparser.usage.UsageCsv;
import io.fileparser.usage.UsageRange;
import io.fileparser.usage.UsageReport;
import io.fileparser.usage.UsageReportView;
import io.fileparser.usage.UsageScope;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /analytics/usage}: uploads, bytes, storage held, pages and rows parsed, jobs by
 * outcome, API calls and webhook deliveries per tenant and day or month. JSON, or CSV for billing
 * with {@code Accept: text/csv}. A tenant's owner reads their tenant; the operator (whose token
 * names no tenant) any tenant ({@code tenant=}) or every tenant.
 */
@Path("analytics/usage")
@RequestScoped
@AllowedRoles({Role.OWNER, Role.OPERATOR})
@Tag(name = "Admin")
public class UsageResource {

  static final String CSV = "text/csv";

  @Inject UsageReport usage;
  @Inject CallerResolver callers;
  @Context SecurityContext security;

  @GET
  @Produces({MediaType.APPLICATION_JSON, CSV})
  @Operation(
      operationId = "getUsage",
      summary =
          "Usage per tenant and period (UTC days or calendar months): uploads, bytes received,"
              + " stored and removed, storage held at the period's end, pages and rows parsed,"
              + " jobs by outcome, API calls by endpoint class, webhook deliveries; CSV for"
              + " billing with Accept: text/csv")
  public Response usage(
      @Parameter(description = "day or month (default month)") @QueryParam("period") String period,
      @Parameter(description = "First day, YYYY-MM-DD (default: the first of to's month)")
          @QueryParam("from")
          String from,
      @Parameter(description = "Last day, YYYY-MM-DD (default: today, UTC)") @QueryParam("to")
          String to,
      @Parameter(description = "Only this tenant (the operator; an owner sees their own)")
          @QueryParam("tenant")
          String tenant,
      @Context HttpHeaders headers) {
    UsageRange range = UsageRange.parse(period, from, to, LocalDate.now(ZoneOffset.UTC));
    UsageReportView report = usage.report(scope(), tenant, range);
    if (wantsCsv(headers.getAcceptableMediaTypes())) {
      return Response.ok(UsageCsv.write(report), MediaType.valueOf(CSV).withCharset("UTF-8"))
          .header(
              "Content-Disposition",
              "attachment; filename=\"usage-" + report.from() + "-" + report.to() + ".csv\"")
          .build();
    }
    return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
  }

  /** CSV when the client prefers it to JSON (any wildcard means JSON, the default). */
  static boolean wantsCsv(List<MediaType> acceptable) {
    for (MediaType type : acceptable) {
      if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return false;
      }
      if (!type.isWildcardType() && type.isCompatible(MediaType.valueOf(CSV))) {
        return true;
      }
    }
    return false;
  }

  private UsageScope scope() {
    return security.isUserInRole(Role.OPERATOR)
        ? UsageScope.platform()
        : UsageScope.tenant(callers.current().tenantId());
  }
}
