package io.fileparser.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import io.fileparser.storage.ObjectStore;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads a completed job's records (NDJSON in the object store) a page at a time. The cursor is the
 * byte offset of the next record, so a page costs ranged reads whatever its position: one finds
 * where the page ends (at most {@code limit} records and 16 MiB), the other streams its records to
 * the client one by one as the response is written. No page is ever held in memory.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ResultService {

  public static final int DEFAULT_LIMIT = 1000;
  public static final int MAX_LIMIT = 10_000;
  static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;

  /** A page stops before the record that would take it past this many bytes (one record aside). */
  static final long MAX_PAGE_BYTES = 16L * 1024 * 1024;

  private static final Logger LOG = Logger.getLogger(ResultService.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  @PersistenceContext EntityManager em;
  @Inject ObjectStore store;

  public ResultPage page(Caller caller, UUID jobId, String cursor, int limit) {
    Job job = TenantJobs.find(em, caller, jobId);
    if (job.getState() != JobState.COMPLETED || job.outcome().recordsUri() == null) {
      throw new ProblemException(
          ProblemType.RESULT_NOT_AVAILABLE,
          "the job is " + job.getState() + "; records are available once it is COMPLETED");
    }
    long offset = decode(cursor);
    URI records = URI.create(job.outcome().recordsUri());
    RecordPages.Bounds bounds;
    try (InputStream in = new BufferedInputStream(store.open(records, offset), 64 * 1024)) {
      bounds = RecordPages.bounds(in, offset, limit, MAX_PAGE_BYTES, MAX_RECORD_BYTES);
    } catch (IOException e) {
      throw unreadable(jobId, e);
    }
    long length = bounds.end() - offset;
    ResultPage.Records each =
        sink -> {
          try (InputStream in = new BufferedInputStream(store.open(records, offset), 64 * 1024)) {
            RecordPages.each(in, length, sink);
          }
        };
    return new ResultPage(each, fields(job), bounds.more() ? encode(bounds.end()) : null);
  }

  private static ProblemException unreadable(UUID jobId, IOException e) {
    LOG.log(Level.SEVERE, "cannot read records of job " + jobId, e);
    return new ProblemException(
        ProblemType.STORAGE_UNAVAILABLE, "the records could not be read; try again later");
  }

  private static List<String> fields(Job job) {
    List<String> names = new ArrayList<>();
    if (job.outcome().summaryJson() != null) {
      try {
        JsonNode fields = JSON.readTree(job.outcome().summaryJson()).path("fields");
        fields.forEach(f -> names.add(f.path("name").asText()));
      } catch (JsonProcessingException e) {
        LOG.log(Level.WARNING, "unreadable result summary of job " + job.getId(), e);
      }
    }
    return names;
  }

  static String encode(long offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("r1:" + offset).getBytes(StandardCharsets.US_ASCII));
  }

  static long decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return 0;
    }
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      if (plain.startsWith("r1:")) {
        long offset = Long.parseLong(plain.substring(3));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new ProblemException(
        ProblemType.INVALID_CURSOR,
        "the cursor is not one this API returned; start from the first page");
  }
}
