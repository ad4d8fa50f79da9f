package io.fileparser.dispatch;

/**
 * Dispatch was resumed, for one tenant ({@code tenantId}) or for everyone (null): the messages held
 * back meanwhile are due now, so the relay is kicked once the resume commits.
 */
public record DispatchResumed(String tenantId) {}
