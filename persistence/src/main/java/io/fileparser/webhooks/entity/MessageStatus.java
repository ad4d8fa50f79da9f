package io.fileparser.webhooks.entity;

/** Where a webhook message stands. */
public enum MessageStatus {
  /** Not delivered yet; due at its next attempt time. */
  PENDING,
  /** A 2xx answer was received. */
  DELIVERED,
  /** Given up: the retry schedule ran out, the endpoint answered 410, or it was disabled. */
  FAILED
}
