/**
 * What each tenant used, for billing: uploads and bytes, storage held, pages and rows parsed, jobs
 * by outcome, API calls by endpoint class and webhook deliveries, per UTC day. Counted as things
 * happen, in the transaction of the change counted ({@link io.fileparser.usage.UsageCounters},
 * called by upload, jobcontrol and webhooks; job outcomes observed from the jobs' own changes), API
 * calls in Redis first and folded into PostgreSQL ({@link io.fileparser.usage.ApiCallLedger}). Read
 * per day or month ({@link io.fileparser.usage.UsageReport}): an owner their tenant, the platform
 * operator any or every tenant. Never recomputes a figure by scanning jobs or files, and never
 * changes anything but its own counters.
 */
package io.fileparser.usage;
