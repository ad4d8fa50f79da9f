package io.fileparser.notifications.boundary;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A browser's push subscription as {@code PushSubscription.toJSON()} gives it: {@code {"endpoint":
 * "https://...", "keys": {"p256dh": "...", "auth": "..."}}}. A plain class, like the other request
 * bodies, for Payara's OpenAPI scanner.
 */
public class CreatePushSubscriptionRequest {

  @NotBlank
  @Size(max = 2000)
  public String endpoint;

  @NotNull
  @Valid
  @Schema(ref = "PushSubscriptionKeys")
  public PushSubscriptionKeys keys;
}
