package io.fileparser.notifications;

import java.util.List;

/** The caller's push subscriptions. */
public record PushSubscriptionList(List<PushSubscriptionView> items) {}
