/**
 * {@code /api/parser/notifications}: the caller's own feed (list, unread count, mark read) and its
 * browser Web Push subscriptions. Thin: each method calls one service of {@code
 * io.fileparser.notifications}; no rule lives here.
 */
package io.fileparser.notifications.boundary;
