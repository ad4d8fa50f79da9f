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
import java.io.ByteArrayOutputStream;
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
 * byte offset of the next record, so a page costs one ranged read whatever its position, and only
 * one page is ever held in memory.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ResultService {

  public static final int DEFAULT_LIMIT = 1000;
  public static final int MAX_LIMIT = 10_000;
  static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;
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
    List<String> records = new ArrayList<>();
    long position = offset;
    boolean more = false;
    try (InputStream in =
        new BufferedInputStream(
            store.open(URI.create(job.outcome().recordsUri()), offset), 64 * 1024)) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1) {
        position++;
        if (b == '\n') {
          if (line.size() > 0) {
            if (records.size() == limit) {
              more = true;
              position -= line.size() + 1;
              break;
            }
            records.add(line.toString(StandardCharsets.UTF_8));
          }
          line.reset();
        } else {
          if (line.size() >= MAX_RECORD_BYTES) {
            throw new IOException("a record is longer than " + MAX_RECORD_BYTES + " bytes");
          }
          line.write(b);
        }
      }
      if (!more && line.size() > 0) {
        if (records.size() == limit) {
          more = true;
          position -= line.size();
        } else {
          records.add(line.toString(StandardCharsets.UTF_8));
        }
      }
    } catch (IOException e) {
      LOG.log(Level.SEVERE, "cannot read records of job " + jobId, e);
      throw new ProblemException(
          ProblemType.STORAGE_UNAVAILABLE, "the records could not be read; try again later");
    }
    return new ResultPage(records, fields(job), more ? encode(position) : null);
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
