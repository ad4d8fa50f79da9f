package io.fileparser.scan;

import java.io.IOException;

/**
 * clamd could not be asked: it was unreachable, did not answer in time, or answered something that
 * is not the clamd protocol. The content's status is unknown, so callers retry later rather than
 * treating it as clean or infected.
 */
public class ClamdException extends IOException {

  private static final long serialVersionUID = 1L;

  public ClamdException(String message) {
    super(message);
  }

  public ClamdException(String message, Throwable cause) {
    super(message, cause);
  }
}
