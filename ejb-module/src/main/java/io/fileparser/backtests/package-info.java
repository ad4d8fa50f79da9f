/**
 * Back-tests of draft template versions: the tenant's recent files of a template read again by the
 * workers with the draft and the current version side by side ({@code parser.backtest_template},
 * sent through dispatch), and the per-field comparison collected from the result backend. Stands on
 * templates (the versions), jobs (which files), dispatch (the task), audit, problem; never changes
 * a job.
 */
package io.fileparser.backtests;
