package io.fileparser.security.boundary;

import io.fileparser.security.Caller;
import jakarta.security.enterprise.CallerPrincipal;

/**
 * The container's principal for a caller this application authenticated itself (an API key, a
 * WebSocket ticket): it carries the whole {@link Caller}, so that wherever only the principal is at
 * hand (a WebSocket session) the tenant and roles are too.
 */
public final class CallerIdentity extends CallerPrincipal {

  private final transient Caller caller;

  public CallerIdentity(Caller caller) {
    super(caller.subject());
    this.caller = caller;
  }

  public Caller caller() {
    return caller;
  }
}
