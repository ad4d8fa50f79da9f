package io.fileparser.notifications.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A browser's push keys, base64url: {@code p256dh} its P-256 public key, {@code auth} its
 * authentication secret. A top-level class: Payara's OpenAPI scanner leaves out fields whose type
 * is a nested class.
 */
public class PushSubscriptionKeys {

  @NotBlank
  @Size(max = 200)
  public String p256dh;

  @NotBlank
  @Size(max = 100)
  public String auth;
}
