package io.fileparser.webhooks;

import java.util.List;

/** A message with the exact body sent and every attempt, oldest first. */
public record MessageDetail(MessageView message, String payload, List<AttemptView> attempts) {}
