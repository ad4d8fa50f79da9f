package io.fileparser.mapping;

import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The fields a column may be mapped to by name alone: the normalised call-record fields the
 * built-in templates extract and the field model suggests (docs/template-format.md), each with its
 * type. Any other field name must come with its type. A mapping that uses any of them maps call
 * records, and then a record without a caller or a start time is none: those two are required.
 */
public final class TargetFields {

  /** A field a column can be mapped to. */
  @Schema(name = "TargetField")
  public record Target(String name, String type, boolean required) {}

  /** The suggestion of a column that holds none of the fields: leave it unmapped. */
  public static final String OTHER = "other";

  public static final List<Target> CALL_RECORD =
      List.of(
          new Target("caller", "phone", true),
          new Target("callee", "phone", false),
          new Target("start", "datetime", true),
          new Target("answer", "datetime", false),
          new Target("end", "datetime", false),
          new Target("durationSeconds", "duration", false),
          new Target("billableSeconds", "duration", false),
          new Target("disposition", "string", false),
          new Target("channel", "string", false),
          new Target("trunk", "string", false),
          new Target("uniqueId", "string", false));

  private TargetFields() {}

  public static Optional<Target> find(String name) {
    return CALL_RECORD.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
