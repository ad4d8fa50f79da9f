/**
 * Notifications as stored: each recipient's feed rows ({@code Notification}, written once, then
 * only marked read) and their browser Web Push subscriptions ({@code PushSubscription}). Uses no
 * other package; entities never leave the EJB module.
 */
package io.fileparser.notifications.entity;
