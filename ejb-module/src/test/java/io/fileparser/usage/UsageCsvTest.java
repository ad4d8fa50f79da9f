package io.fileparser.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fileparser.usage.UsageReportView.ApiCalls;
import io.fileparser.usage.UsageReportView.Jobs;
import io.fileparser.usage.UsageReportView.TenantUsage;
import io.fileparser.usage.UsageReportView.WebhookDeliveries;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsageCsvTest {

  /** The documented columns, in their documented order: billing imports depend on it. */
  static final String HEADER =
      "tenant_id,period,period_start,period_end,uploads,bytes_received,bytes_stored,bytes_removed,"
          + "storage_held_bytes,pages_parsed,rows_parsed,jobs_completed,jobs_failed,"
          + "jobs_cancelled,jobs_dead_lettered,jobs_deleted,api_calls_read,api_calls_write,"
          + "api_calls_upload,webhook_deliveries_delivered,webhook_deliveries_failed";

  @Test
  void headerHasTheStableColumnsInOrder() {
    assertEquals(HEADER, String.join(",", UsageCsv.header()));
  }

  @Test
  void oneRowPerTenantAndPeriodEveryFigureInItsColumn() {
    UsageReportView report =
        new UsageReportView(
            "month",
            LocalDate.parse("2026-10-01"),
            LocalDate.parse("2026-11-30"),
            null,
            Instant.parse("2026-11-30T12:00:00Z"),
            List.of(
                usage("acme", "2026-10-01", "2026-10-31", 1),
                usage("acme", "2026-11-01", "2026-11-30", 100),
                usage("beta.co", "2026-10-01", "2026-10-31", 0)));
    String csv = UsageCsv.write(report);
    assertEquals(
        HEADER
            + "\r\n"
            + "acme,month,2026-10-01,2026-10-31,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17\r\n"
            + "acme,month,2026-11-01,2026-11-30,100,101,102,103,104,105,106,107,108,109,110,111,"
            + "112,113,114,115,116\r\n"
            + "beta.co,month,2026-10-01,2026-10-31,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16\r\n",
        csv);
  }

  @Test
  void anEmptyReportIsTheHeaderAlone() {
    UsageReportView report =
        new UsageReportView(
            "day",
            LocalDate.parse("2026-11-01"),
            LocalDate.parse("2026-11-01"),
            null,
            Instant.now(),
            List.of());
    assertEquals(HEADER + "\r\n", UsageCsv.write(report));
  }

  /** Figures counting up from {@code n}, in column order, so a swapped column shows. */
  private static TenantUsage usage(String tenant, String start, String end, long n) {
    return new TenantUsage(
        tenant,
        LocalDate.parse(start),
        LocalDate.parse(end),
        n,
        n + 1,
        n + 2,
        n + 3,
        n + 4,
        n + 5,
        n + 6,
        new Jobs(n + 7, n + 8, n + 9, n + 10, n + 11),
        new ApiCalls(n + 12, n + 13, n + 14),
        new WebhookDeliveries(n + 15, n + 16));
  }
}
