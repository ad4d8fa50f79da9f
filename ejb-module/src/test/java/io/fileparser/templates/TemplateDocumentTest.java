package io.fileparser.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateDocumentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static ObjectNode csv() throws Exception {
    return (ObjectNode)
        JSON.readTree(
            "{\"name\": \"Calls\", \"format\": \"CSV\", \"confidenceThreshold\": 0.8,"
                + " \"source\": {\"delimiter\": \";\", \"header\": true, \"timeZone\":"
                + " \"Europe/Berlin\"},"
                + " \"fields\": [{\"name\": \"caller\", \"type\": \"phone\", \"required\": true,"
                + " \"locate\": {\"header\": \"src\"}, \"rules\": {\"regex\": \"^[0-9]+$\"}},"
                + " {\"name\": \"seconds\", \"type\": \"duration\", \"required\": false,"
                + " \"locate\": {\"index\": 3}, \"format\": \"seconds\", \"rules\": {\"min\": 0,"
                + " \"max\": 86400, \"unique\": false}}]}");
  }

  @Test
  void acceptsAValidCsvTemplate() throws Exception {
    TemplateDocument document = TemplateDocument.parse(csv(), false);
    assertEquals("Calls", document.name());
    assertEquals("CSV", document.format());
    assertEquals(csv(), TemplateDocument.stored(document.toJson()).json());
  }

  @Test
  void acceptsEveryBuiltInDocumentTheIndexLists() throws Exception {
    Path dir = Path.of("../worker/parser_worker/builtin_templates");
    for (var name : JSON.readTree(dir.resolve("index.json").toFile())) {
      String text = Files.readString(dir.resolve(name.asText()));
      TemplateDocument document = TemplateDocument.parse(text, true);
      assertEquals(document.key(), JSON.readTree(text).path("key").asText());
    }
  }

  @Test
  void acceptsPdfAnchorsAndRegexes() throws Exception {
    ObjectNode pdf =
        (ObjectNode)
            JSON.readTree(
                "{\"name\": \"Invoice\", \"format\": \"PDF\", \"confidenceThreshold\": 1,"
                    + " \"fields\": [{\"name\": \"total\", \"type\": \"currency\", \"required\":"
                    + " true, \"locate\": {\"anchor\": \"Total\", \"regex\": \"([0-9.]+)\"},"
                    + " \"format\": \"comma\"}, {\"name\": \"invoiceDate\", \"type\": \"date\","
                    + " \"required\": false, \"locate\": {\"regex\": \"Date: (\\\\S+)\"},"
                    + " \"format\": \"%d.%m.%Y\", \"rules\": {\"min\": \"2000-01-01\"}},"
                    + " {\"name\": \"vendor\", \"type\": \"string\", \"required\": false,"
                    + " \"locate\": {\"anchor\": \"Vendor\"}}]}");
    assertEquals("PDF", TemplateDocument.parse(pdf, false).format());
  }

  @Test
  void acceptsAPdfRegionWithOrWithoutARegex() throws Exception {
    ObjectNode pdf = pdfWithLocate("{\"region\": " + REGION + "}");
    assertEquals("PDF", TemplateDocument.parse(pdf, false).format());
    ObjectNode withRegex = pdfWithLocate("{\"region\": " + REGION + ", \"regex\": \"([0-9.]+)\"}");
    assertEquals("PDF", TemplateDocument.parse(withRegex, false).format());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"region\": []}|fields[0].locate.region",
        "{\"region\": {\"page\": 1, \"left\": 0, \"top\": 0, \"right\": 9}}|fields[0].locate.region",
        "{\"region\": {\"page\": 0, \"left\": 0, \"top\": 0, \"right\": 9, \"bottom\": 9}}|fields[0].locate.region.page",
        "{\"region\": {\"page\": 1.5, \"left\": 0, \"top\": 0, \"right\": 9, \"bottom\": 9}}|fields[0].locate.region.page",
        "{\"region\": {\"page\": 1, \"left\": -1, \"top\": 0, \"right\": 9, \"bottom\": 9}}|fields[0].locate.region.left",
        "{\"region\": {\"page\": 1, \"left\": 0, \"top\": \"0\", \"right\": 9, \"bottom\": 9}}|fields[0].locate.region.top",
        "{\"region\": {\"page\": 1, \"left\": 0, \"top\": 0, \"right\": 99999, \"bottom\": 9}}|fields[0].locate.region.right",
        "{\"region\": {\"page\": 1, \"left\": 9, \"top\": 0, \"right\": 9, \"bottom\": 9}}|fields[0].locate.region",
        "{\"region\": {\"page\": 1, \"left\": 0, \"top\": 9, \"right\": 9, \"bottom\": 1}}|fields[0].locate.region",
        "{\"region\": {\"page\": 1, \"left\": 0, \"top\": 0, \"right\": 9, \"bottom\": 9}, \"anchor\": \"A\"}|fields[0].locate",
        "{\"region\": {\"page\": 1, \"left\": 0, \"top\": 0, \"right\": 9, \"bottom\": 9}, \"regex\": \"(\"}|fields[0].locate.regex",
      })
  void refusesABadRegionNamingTheMember(String locate, String member) throws Exception {
    ObjectNode pdf = pdfWithLocate(locate);
    ProblemException e =
        assertThrows(ProblemException.class, () -> TemplateDocument.parse(pdf, false));
    assertEquals(member, e.extensions().get("member"), e.getMessage());
  }

  private static final String REGION =
      "{\"page\": 1, \"left\": 72, \"top\": 100.5, \"right\": 300, \"bottom\": 130}";

  private static ObjectNode pdfWithLocate(String locate) throws Exception {
    return (ObjectNode)
        JSON.readTree(
            "{\"name\": \"Statement\", \"format\": \"PDF\", \"confidenceThreshold\": 0.5,"
                + " \"fields\": [{\"name\": \"total\", \"type\": \"decimal\", \"required\":"
                + " true, \"locate\": "
                + locate
                + "}]}");
  }

  @Test
  void acceptsTheEncodingsTemplatesDeclare() throws Exception {
    for (String name :
        List.of(
            "utf-8", "UTF-16", "utf-16le", "UTF-16BE", "windows-1252", "iso-8859-1", "cp1252")) {
      ObjectNode document = csv();
      set(document, "source/encoding", JSON.readTree("\"" + name + "\""));
      assertEquals("Calls", TemplateDocument.parse(document, false).name(), name);
    }
  }

  @Test
  void acceptsFixedWidthCdr() throws Exception {
    ObjectNode cdr =
        (ObjectNode)
            JSON.readTree(
                "{\"name\": \"Switch\", \"format\": \"CDR\", \"confidenceThreshold\": 0.5,"
                    + " \"source\": {\"fixedWidth\": true, \"skipLines\": 2},"
                    + " \"fields\": [{\"name\": \"start\", \"type\": \"datetime\", \"required\":"
                    + " true, \"locate\": {\"start\": 0, \"end\": 14}, \"format\": \"epoch\"}]}");
    assertEquals("CDR", TemplateDocument.parse(cdr, false).format());
  }

  /** Each row: a JSON pointer-ish path to set, the JSON value to set there, the member named. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "name|\"\"|name",
        "name|42|name",
        "format|\"XLS\"|format",
        "confidenceThreshold|1.5|confidenceThreshold",
        "confidenceThreshold|\"high\"|confidenceThreshold",
        "key|\"mine\"|key",
        "extra|1|extra",
        "source|{\"delimiter\": \",,\"}|source.delimiter",
        "source|{\"timeZone\": \"Mars/Olympus\"}|source.timeZone",
        "source|{\"skipLines\": -1}|source.skipLines",
        "source|{\"header\": \"yes\"}|source.header",
        "source|{\"encoding\": \"utf 8\"}|source.encoding",
        "source|{\"encoding\": \"klingon-8\"}|source.encoding",
        "source|{\"colour\": 1}|source.colour",
        "fields|[]|fields",
        "fields|{}|fields",
        "fields/0/name|\"1st\"|fields[0].name",
        "fields/1/name|\"caller\"|fields[1].name",
        "fields/0/type|\"money\"|fields[0].type",
        "fields/0/required|\"true\"|fields[0].required",
        "fields/0/locate|{}|fields[0].locate",
        "fields/0/locate|{\"header\": \"a\", \"index\": 1}|fields[0].locate",
        "fields/0/locate|{\"index\": -1}|fields[0].locate.index",
        "fields/0/locate|{\"anchor\": \"Total\"}|fields[0].locate",
        "fields/0/locate|{\"start\": 0, \"end\": 5}|fields[0].locate",
        "fields/0/format|\"epoch\"|fields[0].format",
        "fields/1/format|\"minutes\"|fields[1].format",
        "fields/0/rules|{\"regex\": \"([\"}|fields[0].rules.regex",
        "fields/0/rules|{\"enum\": []}|fields[0].rules.enum",
        "fields/0/rules|{\"enum\": [\"A\", \"A\"]}|fields[0].rules.enum",
        "fields/0/rules|{\"min\": 1}|fields[0].rules.min",
        "fields/0/rules|{\"unique\": 1}|fields[0].rules.unique",
        "fields/0/rules|{\"often\": true}|fields[0].rules.often",
        "fields/1/rules|{\"min\": 10, \"max\": 1}|fields[1].rules.min",
        "fields/1/rules|{\"min\": \"0\"}|fields[1].rules.min",
        "fields/0/type|\"enum\"|fields[0].rules.enum",
        "description|\"a\\u0000b\"|description",
        "fields/0/locate|{\"header\": \"\\ud800\"}|fields[0].locate.header",
        "fields/1/rules|{\"max\": 1e400}|fields[1].rules.max",
      })
  void refusesNamingTheMember(String path, String value, String member) throws Exception {
    ObjectNode document = csv();
    set(document, path, JSON.readTree(value));
    ProblemException e =
        assertThrows(ProblemException.class, () -> TemplateDocument.parse(document, false));
    boolean unknown = e.getMessage().contains("unknown member");
    assertEquals(unknown ? ProblemType.MALFORMED_JSON : ProblemType.INVALID_TEMPLATE, e.type());
    assertEquals(member, e.extensions().get("member"), e.getMessage());
  }

  @Test
  void anUnknownMemberIsMalformedJsonNamingIt() throws Exception {
    ObjectNode document = csv();
    document.put("unknown", 1);
    ProblemException e =
        assertThrows(ProblemException.class, () -> TemplateDocument.parse(document, false));
    assertEquals(ProblemType.MALFORMED_JSON, e.type());
    assertEquals("unknown", e.extensions().get("member"));
  }

  @Test
  void refusesHeaderLocationWhenTheSourceHasNoHeader() throws Exception {
    ObjectNode document = csv();
    ((ObjectNode) document.get("source")).put("header", false);
    ProblemException e =
        assertThrows(ProblemException.class, () -> TemplateDocument.parse(document, false));
    assertEquals("fields[0].locate", e.extensions().get("member"));
  }

  @Test
  void refusesSourceOnPdfAndDatesOutOfOrder() throws Exception {
    ObjectNode pdf = csv();
    pdf.put("format", "PDF");
    assertEquals(
        "source",
        assertThrows(ProblemException.class, () -> TemplateDocument.parse(pdf, false))
            .extensions()
            .get("member"));
    ObjectNode dates = csv();
    set(dates, "fields/1/type", JSON.readTree("\"date\""));
    set(dates, "fields/1/format", JSON.readTree("\"%Y-%m-%d\""));
    set(
        dates,
        "fields/1/rules",
        JSON.readTree("{\"min\": \"2026-02-01\", \"max\": \"2026-01-01\"}"));
    assertEquals(
        "fields[1].rules.min",
        assertThrows(ProblemException.class, () -> TemplateDocument.parse(dates, false))
            .extensions()
            .get("member"));
  }

  /** The csv() document with a datetime field "start" in a date and a time column. */
  static ObjectNode withDateAndTime(String locate, String format) throws Exception {
    ObjectNode document = csv();
    ObjectNode start =
        (ObjectNode)
            JSON.readTree(
                "{\"name\": \"start\", \"type\": \"datetime\", \"required\": true,"
                    + " \"locate\": "
                    + locate
                    + (format == null ? "" : ", \"format\": \"" + format + "\"")
                    + "}");
    ((com.fasterxml.jackson.databind.node.ArrayNode) document.get("fields")).add(start);
    return document;
  }

  @Test
  void acceptsADatetimeInADateAndATimeColumn() throws Exception {
    ObjectNode byHeader =
        withDateAndTime(
            "{\"date\": {\"header\": \"Date\"}, \"time\": {\"index\": 5}}", "%d/%m/%Y %H:%M:%S");
    assertEquals(
        byHeader.get("fields").get(2),
        TemplateDocument.stored(TemplateDocument.parse(byHeader, false).toJson())
            .json()
            .get("fields")
            .get(2));
    TemplateDocument.parse(
        withDateAndTime("{\"date\": {\"index\": 4}, \"time\": {\"index\": 5}}", null), false);
  }

  /** Each row: the locate of the combined field, its format (empty: none), the member named. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"date\": {\"header\": \"Date\"}}||fields[2].locate",
        "{\"date\": {\"index\": 1}, \"time\": {\"index\": 2}, \"header\": \"x\"}||fields[2].locate",
        "{\"date\": {\"index\": 1}, \"time\": {\"index\": -2}}||fields[2].locate.time.index",
        "{\"date\": {\"index\": 1}, \"time\": {}}||fields[2].locate.time",
        "{\"date\": \"Date\", \"time\": {\"index\": 2}}||fields[2].locate.date",
        "{\"date\": {\"start\": 0, \"end\": 8}, \"time\": {\"index\": 2}}||fields[2].locate.date",
        "{\"date\": {\"index\": 1}, \"time\": {\"header\": \" \"}}||fields[2].locate.time.header",
        "{\"date\": {\"index\": 1}, \"time\": {\"date\": {\"index\": 2}, \"time\": {\"index\": 3}}}"
            + "||fields[2].locate.time",
        "{\"date\": {\"index\": 1}, \"time\": {\"index\": 2}}|epoch|fields[2].format",
      })
  void refusesACombinedFieldNamingTheMember(String locate, String format, String member)
      throws Exception {
    ObjectNode document = withDateAndTime(locate, format);
    ProblemException e =
        assertThrows(ProblemException.class, () -> TemplateDocument.parse(document, false));
    assertEquals(ProblemType.INVALID_TEMPLATE, e.type());
    assertEquals(member, e.extensions().get("member"), e.getMessage());
  }

  @Test
  void refusesACombinedFieldOfAnotherTypeOrInAPdf() throws Exception {
    ObjectNode date = withDateAndTime("{\"date\": {\"index\": 1}, \"time\": {\"index\": 2}}", null);
    set(date, "fields/2/type", JSON.readTree("\"date\""));
    ProblemException e =
        assertThrows(ProblemException.class, () -> TemplateDocument.parse(date, false));
    assertEquals("fields[2].locate", e.extensions().get("member"));
    assertEquals(true, e.getMessage().contains("type datetime"), e.getMessage());
    ObjectNode pdf = withDateAndTime("{\"date\": {\"index\": 1}, \"time\": {\"index\": 2}}", null);
    pdf.remove("source");
    pdf.put("format", "PDF");
    set(pdf, "fields/0/locate", JSON.readTree("{\"anchor\": \"From\"}"));
    set(pdf, "fields/1/locate", JSON.readTree("{\"anchor\": \"Seconds\"}"));
    assertEquals(
        "fields[2].locate",
        assertThrows(ProblemException.class, () -> TemplateDocument.parse(pdf, false))
            .extensions()
            .get("member"));
  }

  @Test
  void systemDocumentsNeedAWellFormedKey() throws Exception {
    ObjectNode document = csv();
    assertEquals(
        "key",
        assertThrows(ProblemException.class, () -> TemplateDocument.parse(document, true))
            .extensions()
            .get("member"));
    document.put("key", "Not_OK");
    assertEquals(
        "key",
        assertThrows(ProblemException.class, () -> TemplateDocument.parse(document, true))
            .extensions()
            .get("member"));
    document.put("key", "acme-cdr");
    assertEquals("acme-cdr", TemplateDocument.parse(document, true).key());
  }

  @Test
  void refusesWhatIsNotAnObject() {
    for (String text : List.of("[]", "1", "\"x\"", "null", "{")) {
      assertThrows(ProblemException.class, () -> TemplateDocument.parse(text, false), text);
    }
  }

  static void set(ObjectNode document, String path, com.fasterxml.jackson.databind.JsonNode value) {
    String[] steps = path.split("/");
    com.fasterxml.jackson.databind.JsonNode at = document;
    for (int i = 0; i < steps.length - 1; i++) {
      at = at.isArray() ? at.get(Integer.parseInt(steps[i])) : at.get(steps[i]);
    }
    ((ObjectNode) at).set(steps[steps.length - 1], value);
  }
}
