/**
 * The application's own measurements, counted where things happen and published with the server's
 * at {@code /metrics} (Prometheus text, MicroProfile Metrics): uploads and their bytes, scan
 * verdicts, how long dispatch and the workers' reports take to be applied, processing time per
 * format, webhook deliveries. A leaf: it knows nothing of the capabilities that report to it, which
 * name what they count in plain values. Counting never fails the work it counts.
 */
package io.fileparser.telemetry;
