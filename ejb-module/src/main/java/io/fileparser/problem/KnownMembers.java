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
      require(names.next(), known, prefix);
    }
  }

  /**
   * The same rule for the member names of an object read as a map.
   *
   * @throws ProblemException {@code malformed_json} for the first member not in {@code known}
   */
  public static void require(Iterable<String> names, Set<String> known, String prefix) {
    for (String name : names) {
      require(name, known, prefix);
    }
  }

  private static void require(String name, Set<String> known, String prefix) {
    if (!known.contains(name)) {
      throw new ProblemException(
          ProblemType.MALFORMED_JSON,
          prefix + name + ": unknown member; known are " + new TreeSet<>(known),
          Map.of("member", prefix + name));
    }
  }
}
