package io.fileparser.audit;

import java.util.List;

/**
 * One page of the audit list, newest first; {@code next} is the following page's cursor, or null.
 */
public record AuditPage(List<AuditRecordView> items, String next) {}
