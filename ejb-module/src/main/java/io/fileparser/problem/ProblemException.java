package io.fileparser.problem;

import jakarta.ejb.ApplicationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of every business exception. Unchecked, rolls the transaction back, and is not wrapped by
 * the container, so the web module maps it straight to an RFC 9457 problem.
 */
@ApplicationException(rollback = true, inherited = true)
public class ProblemException extends RuntimeException {

  private final ProblemType type;
  private final Map<String, Object> extensions;

  public ProblemException(ProblemType type, String detail) {
    this(type, detail, Map.of());
  }

  public ProblemException(ProblemType type, String detail, Map<String, ?> extensions) {
    super(detail);
    this.type = type;
    this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
  }

  public ProblemType type() {
    return type;
  }

  public String detail() {
    return getMessage();
  }

  /** Extra members of the problem document, e.g. {@code detectedType} or {@code maxBytes}. */
  public Map<String, Object> extensions() {
    return extensions;
  }
}
