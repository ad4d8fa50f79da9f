package io.fileparser.webhooks.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * A request to register an endpoint. {@code eventTypes} (e.g. {@code job.completed}) filters what
 * is sent; absent or empty means every job event. A plain class, not a record: Payara's OpenAPI
 * scanner fails on the constraints a record copies onto its constructor.
 */
public class CreateWebhookRequest {

  @NotBlank
  @Size(max = 2048)
  public String url;

  @Size(max = 500)
  public String description;

  @Size(max = 20)
  public Set<String> eventTypes;
}
