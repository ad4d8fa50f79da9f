/**
 * The platform operator's control of the parse workers: Celery remote-control commands (pool grow
 * and shrink, the parse task's rate limit, shutdown, stats, ping) broadcast on the workers' pidbox
 * with the worker named as destination, and their replies collected. Never acts for a tenant's
 * callers; audits every command sent.
 */
package io.fileparser.admin;
