package io.fileparser.usage;

import io.fileparser.usage.UsageReportView.TenantUsage;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The usage report as CSV for billing (RFC 4180, CRLF line ends): a header, then one row per tenant
 * and period. The columns and their order are stable (documented in {@code docs/usage.md}); new
 * columns are only ever added at the end. No cell needs quoting or formula escaping: tenant ids are
 * letters, digits, {@code .}, {@code _} and {@code -} starting with a letter or digit, and the rest
 * are dates and whole numbers.
 */
public final class UsageCsv {

  private record Column(String name, BiFunction<UsageReportView, TenantUsage, Object> value) {

    Column(String name, java.util.function.Function<TenantUsage, Object> value) {
      this(name, (report, item) -> value.apply(item));
    }
  }

  private static final List<Column> COLUMNS =
      List.of(
          new Column("tenant_id", TenantUsage::tenantId),
          new Column("period", (report, item) -> report.period()),
          new Column("period_start", TenantUsage::periodStart),
          new Column("period_end", TenantUsage::periodEnd),
          new Column("uploads", TenantUsage::uploads),
          new Column("bytes_received", TenantUsage::bytesReceived),
          new Column("bytes_stored", TenantUsage::bytesStored),
          new Column("bytes_removed", TenantUsage::bytesRemoved),
          new Column("storage_held_bytes", TenantUsage::storageHeldBytes),
          new Column("pages_parsed", TenantUsage::pagesParsed),
          new Column("rows_parsed", TenantUsage::rowsParsed),
          new Column("jobs_completed", u -> u.jobs().completed()),
          new Column("jobs_failed", u -> u.jobs().failed()),
          new Column("jobs_cancelled", u -> u.jobs().cancelled()),
          new Column("jobs_dead_lettered", u -> u.jobs().deadLettered()),
          new Column("jobs_deleted", u -> u.jobs().deleted()),
          new Column("api_calls_read", u -> u.apiCalls().read()),
          new Column("api_calls_write", u -> u.apiCalls().write()),
          new Column("api_calls_upload", u -> u.apiCalls().upload()),
          new Column("webhook_deliveries_delivered", u -> u.webhookDeliveries().delivered()),
          new Column("webhook_deliveries_failed", u -> u.webhookDeliveries().failed()));

  private UsageCsv() {}

  /** The header's column names, in order. */
  public static List<String> header() {
    return COLUMNS.stream().map(Column::name).toList();
  }

  /** The whole report: the header, then a row per item. */
  public static String write(UsageReportView report) {
    StringBuilder csv = new StringBuilder(String.join(",", header())).append("\r\n");
    for (TenantUsage item : report.items()) {
      for (int i = 0; i < COLUMNS.size(); i++) {
        csv.append(i == 0 ? "" : ",").append(COLUMNS.get(i).value().apply(report, item));
      }
      csv.append("\r\n");
    }
    return csv.toString();
  }
}
