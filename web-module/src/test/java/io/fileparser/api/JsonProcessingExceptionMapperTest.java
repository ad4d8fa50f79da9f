package io.fileparser.api;

import static io.fileparser.api.NamesNoCode.assertNamesNoCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonProcessingExceptionMapperTest {

  /** A request body shaped like the API's, with a field of each kind. */
  public static class Request {
    public String name;
    public Set<String> roles;
    public int priority;
    public UUID templateId;
    public List<Item> items;
    public Kind kind;
  }

  public static class Item {
    public String label;
  }

  public enum Kind {
    CSV,
    PDF
  }

  private final JsonProcessingExceptionMapper mapper = new JsonProcessingExceptionMapper();

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"name\": 5, \"roles\": \"x\"}           | roles       | the field 'roles' must be an array, not a string",
        "{\"roles\": {\"a\": 1}}                  | roles       | the field 'roles' must be an array, not an object",
        "{\"name\": [\"ci\"]}                     | name        | the field 'name' must be a string, not an array",
        "{\"name\": {\"first\": \"ci\"}}          | name        | the field 'name' must be a string, not an object",
        "{\"priority\": \"high\"}                 | priority    | the field 'priority' must be a whole number, not a string",
        "{\"priority\": 2.5e400}                  | priority    | the field 'priority' holds a number out of range (line 1, column 21)",
        "{\"templateId\": \"not-a-uuid\"}         | templateId  | the field 'templateId' must be a UUID string, not a string",
        "{\"items\": [{\"label\": \"a\"}, 7]}     | items[1]    | the field 'items[1]' must be an object, not a number",
        "{\"items\": [{\"label\": [1]}]}          | items[0].label | the field 'items[0].label' must be a string, not an array",
        "{\"kind\": \"DOC\"}                      | kind        | the field 'kind' must be one of CSV, PDF, not a string",
        "{\"priority\": null, \"roles\": [null], \"name\": \"x\", \"colour\": 1} | colour | the field 'colour' is not known here; known fields: items, kind, name, priority, roles, templateId"
      })
  void namesTheFieldAndWhatItMustBe(String body, String field, String detail) {
    Map<String, Object> problem = problem(body);

    assertEquals(detail, problem.get("detail"));
    assertEquals(field, problem.get("field"));
    assertEquals(400, problem.get("status"));
    assertEquals("malformed_json", problem.get("code"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"name\": \"ci\",}                   | the body is not valid JSON (line 1, column 15)",
        "{name: \"ci\"}                        | the body is not valid JSON (line 1, column 2)",
        "nul                                   | the body is not valid JSON (line 1, column 4)",
        "{\"name\": \"ci\"                     | the body ends before its JSON is complete (line 1, column 14)",
        "[\"ci\"]                              | the body must be an object, not an array (line 1, column 1)",
        "\"ci\"                                | the body must be an object, not a string (line 1, column 1)"
      })
  void namesLineAndColumnOfABodyThatIsNotTheExpectedJson(String body, String detail) {
    Map<String, Object> problem = problem(body);

    assertEquals(detail, problem.get("detail"));
    assertEquals(1, problem.get("line"));
    assertTrue(problem.get("column") instanceof Integer, problem::toString);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\": \"ci\"} {\"name\": \"x\"}",
        "{\"name\": \"ci\"} 5",
        "{\"name\": \"ci\"} \"x\""
      })
  void contentAfterTheBodysJsonValueIsMalformed(String body) {
    Map<String, Object> problem = problem(body);

    assertEquals(
        "the body has content after its JSON value (line 1, column 16)", problem.get("detail"));
  }

  @Test
  void aFieldNamedTwiceIsMalformed() {
    Map<String, Object> problem =
        problem("{\"name\": \"ci\", \"roles\": [\"viewer\"], \"roles\": [\"owner\"]}");

    assertTrue(
        String.valueOf(problem.get("detail")).startsWith("the body names a field twice"),
        problem::toString);
  }

  @Test
  void countsLinesOfAMultiLineBody() {
    Map<String, Object> problem = problem("{\n  \"name\": \"ci\",\n  \"roles\": [\"a\",]\n}");

    assertEquals(3, problem.get("line"));
    assertEquals(17, problem.get("column"));
  }

  @Test
  void explainsNestingTooDeepToRead() {
    Map<String, Object> problem =
        problem(
            "{\"items\": [{\"label\": \"a\"}], \"x\": "
                + "[".repeat(2000)
                + "]".repeat(2000)
                + "}");

    assertNamesNoCode(problem.get("detail"));
    assertEquals("malformed_json", problem.get("code"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"name\": 5, \"roles\": \"x\"}",
        "{\"roles\": [{\"a\": 1}]}",
        "{\"priority\": 99999999999}",
        "{\"kind\": 7}",
        "{\"items\": \"none\"}",
        "{\"items\": [[[]]]}",
        "{\"name\": \"\\u00\"}",
        "\u00ff\u00fe",
        "{\"a\": 1, \"a\": 2}",
        "{\"priority\": true}"
      })
  void neverNamesJavaTypesOrLibraries(String body) {
    Map<String, Object> problem = problem(body);

    assertNamesNoCode(problem.get("detail"));
    assertEquals(400, problem.get("status"));
  }

  @Test
  void aBodyTheServerCannotWriteIsOurFailureNotTheClients() {
    JsonProcessingException e =
        assertThrows(
            JsonProcessingException.class,
            () -> ObjectMapperResolver.mapper().writeValueAsString(new Unwritable()));

    Response response = mapper.toResponse(e);

    assertEquals(500, response.getStatus());
    assertNamesNoCode(body(response).get("detail"));
  }

  @JsonSerialize(using = Failing.class)
  static class Unwritable {}

  static class Failing extends StdSerializer<Unwritable> {
    Failing() {
      super(Unwritable.class);
    }

    @Override
    public void serialize(Unwritable value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeStartObject();
      gen.writeStartObject(); // an object where a field name belongs
    }
  }

  private Map<String, Object> problem(String body) {
    JsonProcessingException e =
        assertThrows(
            JsonProcessingException.class,
            () -> ObjectMapperResolver.mapper().readValue(body, Request.class));
    Response response = mapper.toResponse(e);
    Map<String, Object> problem = body(response);
    assertNamesNoCode(problem.get("detail"));
    return problem;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Response response) {
    return (Map<String, Object>) response.getEntity();
  }
}
