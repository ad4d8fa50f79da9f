package io.fileparser.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rule for a JSON object read by hand (a template document, a draft mapping, a suggestion
 * request): a member it does not define is 400 {@code malformed_json} naming the member, as
 * Jackson's unknown-member rule answers for every typed request body, so a typo never silently does
 * nothing.
 */
public final class KnownMembers {

  private KnownMembers() {}

  /**
   * @param prefix the path of {@code object} in the body, to name a member by ({@code "source."})
   * @throws ProblemException {@code malformed_json} for the first member not in {@code known}
   */
  public static void require(JsonNode object, Set<String> known, String prefix) {
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw new ProblemException(
            ProblemType.MALFORMED_JSON,
            prefix + name + ": unknown member; known are " + new TreeSet<>(known),
            Map.of("member", prefix + name));
      }
    }
  }
}
