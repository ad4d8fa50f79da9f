/**
 * Watching the whole system: the job events counted as they commit, the backlog (queue depth and
 * age per priority band, jobs in flight, dead letters, live workers) sampled into gauges for {@code
 * /metrics}, and the JSON summary of {@code /admin/metrics} for dashboards, per tenant or for the
 * fleet. Reads every capability below it; changes none.
 */
package io.fileparser.monitoring;
