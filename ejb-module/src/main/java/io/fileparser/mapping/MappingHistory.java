package io.fileparser.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.mapping.entity.JobMapping;
import io.fileparser.mapping.entity.MappingState;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tenant's approved mappings, newest first: the column choices that rank its suggestions and
 * become its field model's training examples. Bounded to the latest {@code limit} mappings.
 */
final class MappingHistory {

  private MappingHistory() {}

  static List<JobMapping> approved(EntityManager em, String tenantId, int limit) {
    return em.createQuery(
            "select m from JobMapping m where m.tenantId = :tenant and m.state = :approved"
                + " order by m.decidedAt desc",
            JobMapping.class)
        .setParameter("tenant", tenantId)
        .setParameter("approved", MappingState.APPROVED)
        .setMaxResults(limit)
        .getResultList();
  }

  static List<SuggestionRanking.PastChoice> choices(List<JobMapping> approved) {
    List<SuggestionRanking.PastChoice> choices = new ArrayList<>();
    for (JobMapping mapping : approved) {
      for (JsonNode choice : read(mapping)) {
        if (choice.path("header").isTextual() && choice.path("field").isTextual()) {
          choices.add(
              new SuggestionRanking.PastChoice(
                  choice.get("header").asText(), choice.get("field").asText(), decided(mapping)));
        }
      }
    }
    return choices;
  }

  /**
   * The training examples of {@code parser.retrain_model}: {@code {header, values, field,
   * approvedAt, jobId}} per approved column.
   */
  static List<Map<String, Object>> trainingExamples(List<JobMapping> approved) {
    List<Map<String, Object>> examples = new ArrayList<>();
    for (JobMapping mapping : approved) {
      for (JsonNode choice : read(mapping)) {
        List<String> values = new ArrayList<>();
        choice.path("values").forEach(v -> values.add(v.asText()));
        java.util.LinkedHashMap<String, Object> example = new java.util.LinkedHashMap<>();
        example.put(
            "header", choice.path("header").isTextual() ? choice.get("header").asText() : null);
        example.put("values", values);
        example.put("field", choice.path("field").asText());
        example.put("approvedAt", decided(mapping).toString());
        example.put("jobId", mapping.getJobId().toString());
        examples.add(example);
      }
    }
    return examples;
  }

  /** Each column of the profile with its suggestions ranked with the tenant's history. */
  static ColumnProfile ranked(
      ColumnProfile profile, List<SuggestionRanking.PastChoice> history, Instant now) {
    List<ColumnProfile.Column> columns = new ArrayList<>();
    for (ColumnProfile.Column c : profile.columns()) {
      columns.add(
          new ColumnProfile.Column(
              c.index(),
              c.name(),
              c.inferredType(),
              c.nullRatio(),
              c.distinct(),
              c.examples(),
              SuggestionRanking.rank(
                  profile.hasHeader() ? c.name() : null, c.suggestions(), history, now)));
    }
    return new ColumnProfile(
        columns,
        profile.sampleRows(),
        profile.hasHeader(),
        profile.delimiter(),
        profile.modelVersion());
  }

  private static Instant decided(JobMapping mapping) {
    return mapping.getDecidedAt() == null ? mapping.getUpdatedAt() : mapping.getDecidedAt();
  }

  private static JsonNode read(JobMapping mapping) {
    try {
      return ColumnProfile.JSON.readTree(mapping.getChoices());
    } catch (JsonProcessingException e) {
      return ColumnProfile.JSON.createArrayNode();
    }
  }
}
