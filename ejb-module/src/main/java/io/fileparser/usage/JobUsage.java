package io.fileparser.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.jobs.JobChangeListener;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.jobs.entity.JobState;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Counts job outcomes from the jobs' own changes, in the transaction that made each change: every
 * move into COMPLETED, FAILED, CANCELLED, DEAD_LETTERED or DELETED counts once under its outcome,
 * wherever it happened (a worker's result, a cancel, the retry policy, a late scan, a deletion). A
 * job retried after failing and then completed counts once under each. A completion also counts the
 * rows the worker wrote and, for a PDF, the pages it read.
 */
@Stateless
@Local(JobChangeListener.class)
@LocalBean
public class JobUsage implements JobChangeListener {

  private static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext EntityManager em;
  @Inject UsageCounters counters;

  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  @Override
  public void onChanges(List<JobChanged> changes) {
    for (JobChanged change : changes) {
      onChanged(change);
    }
  }

  void onChanged(JobChanged change) {
    if (change.from() == change.to() || change.to() == null) {
      return; // a step or progress, not a move
    }
    UsageMetric.outcome(change.to())
        .ifPresent(
            outcome -> {
              Map<UsageMetric, Long> amounts = new EnumMap<>(UsageMetric.class);
              amounts.put(outcome, 1L);
              if (change.to() == JobState.COMPLETED) {
                Job job = em.find(Job.class, change.jobId());
                if (job != null) {
                  amounts.put(UsageMetric.ROWS_PARSED, rows(job.outcome().recordCount()));
                  amounts.put(UsageMetric.PAGES_PARSED, pages(job.outcome().summaryJson()));
                }
              }
              counters.add(change.tenantId(), UsageCounters.day(change.at()), amounts);
            });
  }

  static long rows(Long recordCount) {
    return recordCount == null ? 0 : Math.max(0, recordCount);
  }

  /** The pages a worker's result summary names ({@code "pages"}, PDF only); 0 without one. */
  static long pages(String summaryJson) {
    if (summaryJson == null) {
      return 0;
    }
    try {
      JsonNode pages = JSON.readTree(summaryJson).path("pages");
      return pages.canConvertToLong() && pages.isIntegralNumber() ? Math.max(0, pages.asLong()) : 0;
    } catch (JsonProcessingException e) {
      return 0;
    }
  }
}
