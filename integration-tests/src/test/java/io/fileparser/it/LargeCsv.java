package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.zip.GZIPOutputStream;

/**
 * A CSV larger than the pipeline holds in memory, for the tests of the checks that read an upload
 * as it streams in (by {@code POST /upload} or by tus chunks), and what those tests read back: the
 * stored file's validation facts.
 *
 * @param rows the records it holds (ragged ones and the marker line included)
 */
record LargeCsv(byte[] bytes, long rows) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A CSV of {@code size} bytes; from {@code damageFrom} on, ragged rows (and {@code marker}). */
  static LargeCsv of(String tenant, int size, int damageFrom, byte[] marker) {
    StringBuilder text = new StringBuilder("invoice,customer,amount,date\n");
    long rows = 0;
    boolean marked = false;
    while (text.length() < size) {
      if (damageFrom > 0 && text.length() >= damageFrom && rows % 5 == 0) {
        text.append("INV-").append(rows).append(",broken,row,with,too,many,fields\n");
        if (marker != null && !marked) {
          text.append(new String(marker, StandardCharsets.US_ASCII)).append('\n');
          marked = true;
        }
      } else {
        text.append("INV-")
            .append(rows)
            .append(",Customer ")
            .append(rows % 997)
            .append(',')
            .append(rows % 5000)
            .append('.')
            .append(String.format("%02d", rows % 100))
            .append(",2026-01-")
            .append(String.format("%02d", 1 + rows % 28))
            .append('\n');
      }
      rows++;
    }
    // The tenant's own last record: no two tests upload the same bytes.
    text.append("INV-").append(rows).append(',').append(tenant).append(",1.00,2026-01-01\n");
    return new LargeCsv(
        text.toString().getBytes(StandardCharsets.US_ASCII), rows + 1 + (marked ? 1 : 0));
  }

  static JsonNode validationFacts(String tenant) throws SQLException, IOException {
    try (Connection c = Database.connect();
        PreparedStatement st =
            c.prepareStatement("select validation_facts from stored_files where tenant_id = ?")) {
      st.setString(1, tenant);
      try (ResultSet rs = st.executeQuery()) {
        assertTrue(rs.next(), "a stored file of " + tenant);
        return JSON.readTree(rs.getString(1));
      }
    }
  }

  /** The embedded-EICAR signature is the development database's (payara/clamd). */
  static void assumeDevelopmentSignatures() {
    Path official = Path.of("/var/lib/clamav");
    boolean officialInstalled;
    try (var files = Files.list(official)) {
      officialInstalled = files.anyMatch(p -> p.toString().matches(".*\\.c[vl]d"));
    } catch (IOException e) {
      officialInstalled = false;
    }
    assumeTrue(!officialInstalled, "clamd runs the official signatures here");
  }

  static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    }
    return out.toByteArray();
  }
}
