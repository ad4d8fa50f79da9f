package io.fileparser.webhooks.boundary;

import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * A change of an endpoint: what is given changes, what is absent stays. An empty description clears
 * it, an empty {@code eventTypes} means every job event; {@code enabled: true} enables a disabled
 * endpoint again and forgets its failures.
 */
public class UpdateWebhookRequest {

  @Size(min = 1, max = 2048)
  public String url;

  @Size(max = 500)
  public String description;

  @Size(max = 20)
  public Set<String> eventTypes;

  public Boolean enabled;
}
