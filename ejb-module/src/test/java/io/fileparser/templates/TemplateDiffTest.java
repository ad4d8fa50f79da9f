package io.fileparser.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateDiffTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sameDocumentsHaveNoDifference() throws Exception {
    ObjectNode a = TemplateDocumentTest.csv();
    assertTrue(TemplateDiff.between(1, a, 2, a.deepCopy()).isEmpty());
  }

  @Test
  void namesAddedRemovedAndChangedFieldsAndTopLevelMembers() throws Exception {
    ObjectNode before = TemplateDocumentTest.csv();
    ObjectNode after = before.deepCopy();
    after.put("confidenceThreshold", 0.9);
    after.put("description", "new");
    TemplateDocumentTest.set(after, "fields/0/required", JSON.readTree("false"));
    TemplateDocumentTest.set(after, "fields/0/locate", JSON.readTree("{\"index\": 1}"));
    after.withArray("fields").remove(1);
    after
        .withArray("fields")
        .add(
            JSON.readTree(
                "{\"name\": \"callee\", \"type\": \"phone\", \"required\": true, \"locate\":"
                    + " {\"index\": 2}}"));
    TemplateDiff diff = TemplateDiff.between(1, before, 2, after);
    assertEquals(
        List.of("confidenceThreshold", "description"),
        diff.changed().stream().map(TemplateDiff.MemberChange::member).toList());
    assertEquals(null, diff.changed().get(1).from());
    assertEquals(List.of("callee"), diff.addedFields());
    assertEquals(List.of("seconds"), diff.removedFields());
    assertEquals(1, diff.changedFields().size());
    assertEquals("caller", diff.changedFields().get(0).name());
    assertEquals(
        List.of("required", "locate"),
        diff.changedFields().get(0).members().stream()
            .map(TemplateDiff.MemberChange::member)
            .toList());
  }

  @Test
  void aMovedFieldIsUnchangedAndARenamedOneIsRemovedAndAdded() throws Exception {
    ObjectNode before = TemplateDocumentTest.csv();
    ObjectNode moved = before.deepCopy();
    var fields = moved.withArray("fields");
    var first = fields.remove(0);
    fields.add(first);
    assertTrue(TemplateDiff.between(1, before, 2, moved).isEmpty());
    ObjectNode renamed = before.deepCopy();
    TemplateDocumentTest.set(renamed, "fields/0/name", JSON.readTree("\"from\""));
    TemplateDiff diff = TemplateDiff.between(1, before, 2, renamed);
    assertEquals(List.of("from"), diff.addedFields());
    assertEquals(List.of("caller"), diff.removedFields());
  }
}
