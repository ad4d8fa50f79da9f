package io.fileparser.notifications;

import java.util.List;

/**
 * A page of a feed, newest first.
 *
 * @param nextCursor the cursor of the following page; null on the last
 */
public record NotificationPage(List<NotificationView> items, String nextCursor) {}
