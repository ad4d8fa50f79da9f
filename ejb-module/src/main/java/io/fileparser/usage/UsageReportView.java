package io.fileparser.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A usage report: one item per tenant and period, tenants in id order, periods oldest first.
 *
 * @param period {@code day} or {@code month}
 * @param from the first day covered (the start of the first period)
 * @param to the last day covered (the end of the last period)
 * @param tenantId the tenant reported on, or null for every tenant (the operator's view)
 */
@Schema(name = "UsageReport")
public record UsageReportView(
    String period,
    LocalDate from,
    LocalDate to,
    String tenantId,
    Instant generatedAt,
    List<TenantUsage> items) {

  /** One tenant's usage in one period; days are UTC days. */
  @Schema(name = "TenantUsage")
  public record TenantUsage(
      String tenantId,
      LocalDate periodStart,
      LocalDate periodEnd,
      long uploads,
      long bytesReceived,
      long bytesStored,
      long bytesRemoved,
      @Schema(
              description =
                  "Bytes the tenant's stored files held at the end of the period (so far, for"
                      + " the current one)")
          long storageHeldBytes,
      long pagesParsed,
      long rowsParsed,
      Jobs jobs,
      ApiCalls apiCalls,
      WebhookDeliveries webhookDeliveries) {}

  /** Jobs that reached each outcome in the period (a job retried after failing counts in both). */
  @Schema(name = "UsageJobs")
  public record Jobs(
      long completed, long failed, long cancelled, long deadLettered, long deleted) {}

  /** API calls by endpoint class, as the rate limiter classes them. */
  @Schema(name = "UsageApiCalls")
  public record ApiCalls(long read, long write, long upload) {}

  /** Webhook attempts by outcome. */
  @Schema(name = "UsageWebhookDeliveries")
  public record WebhookDeliveries(long delivered, long failed) {}
}
