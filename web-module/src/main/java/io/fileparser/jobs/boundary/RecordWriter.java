package io.fileparser.jobs.boundary;

import com.fasterxml.jackson.databind.JsonNode;
import io.fileparser.api.ObjectMapperResolver;
import io.fileparser.jobs.ResultPage;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a page of records as JSON ({@code {"items": [...], "next": ...}}), NDJSON (one record per
 * line, as stored) or CSV (RFC 4180, a header row of the job's fields).
 *
 * <p>CSV is for spreadsheets, and a spreadsheet runs a cell that starts like a formula (OWASP "CSV
 * injection"): an uploaded file could carry {@code =HYPERLINK(...)} or a DDE call into a user's
 * Excel. So every CSV cell, header included, that starts with {@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return gets a single quote in front (see {@link #csvCell}). As
 * OWASP says, that includes negative numbers: {@code -12.5} is written {@code '-12.5}, shown as
 * text by a spreadsheet; a program that needs the exact values reads the JSON or NDJSON form, which
 * is the worker's data as stored, never altered.
 */
final class RecordWriter {

  /** The first characters that make a spreadsheet read a cell as a formula (OWASP). */
  private static final String FORMULA_TRIGGERS = "=+-@\t\r";

  private RecordWriter() {}

  static MediaType negotiate(List<MediaType> acceptable) {
    for (MediaType type : acceptable) {
      if (type.isCompatible(MediaType.valueOf(JobResource.NDJSON)) && !type.isWildcardType()) {
        return MediaType.valueOf(JobResource.NDJSON);
      }
      if (type.isCompatible(MediaType.valueOf(JobResource.CSV)) && !type.isWildcardType()) {
        return MediaType.valueOf(JobResource.CSV);
      }
      if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
        return MediaType.APPLICATION_JSON_TYPE;
      }
    }
    return MediaType.APPLICATION_JSON_TYPE;
  }

  /** The page as the response body, each record written as it is read from storage. */
  static StreamingOutput body(ResultPage page, MediaType type) {
    return output -> {
      Writer out =
          new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
      if (type.getSubtype().equals("x-ndjson")) {
        page.records()
            .each(
                record -> {
                  out.write(record);
                  out.write('\n');
                });
      } else if (type.getSubtype().equals("csv")) {
        writeCsv(page, out);
      } else {
        out.write("{\"items\":[");
        boolean[] first = {true};
        page.records()
            .each(
                record -> {
                  if (!first[0]) {
                    out.write(',');
                  }
                  first[0] = false;
                  out.write(record);
                });
        out.write("]");
        if (page.next() != null) {
          out.write(",\"next\":");
          out.write(ObjectMapperResolver.mapper().writeValueAsString(page.next()));
        }
        out.write("}");
      }
      out.flush();
    };
  }

  /**
   * Rows under a header of the job's fields; a job whose worker named no fields takes its columns
   * from the page's first record (a later record's other keys are not shown).
   */
  private static void writeCsv(ResultPage page, Writer out) throws IOException {
    List<String> columns = new ArrayList<>(page.fields());
    boolean[] headed = {!columns.isEmpty()};
    if (headed[0]) {
      writeCsvRow(out, columns);
    }
    page.records()
        .each(
            record -> {
              JsonNode row = ObjectMapperResolver.mapper().readTree(record);
              if (!headed[0]) {
                row.fieldNames().forEachRemaining(columns::add);
                writeCsvRow(out, columns);
                headed[0] = true;
              }
              List<String> values = new ArrayList<>(columns.size());
              for (String column : columns) {
                JsonNode value = row.get(column);
                values.add(
                    value == null || value.isNull()
                        ? ""
                        : value.isValueNode() ? value.asText() : value.toString());
              }
              writeCsvRow(out, values);
            });
    if (!headed[0]) {
      writeCsvRow(out, columns);
    }
  }

  private static void writeCsvRow(Writer out, List<String> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(csvCell(values.get(i)));
    }
    out.write("\r\n");
  }

  /**
   * One value as a CSV cell a spreadsheet shows and never evaluates. A value starting with {@code
   * =}, {@code +}, {@code -}, {@code @}, tab or carriage return (OWASP's list of formula triggers)
   * gets a leading single quote and is always quoted, so the quote sits inside the cell as in
   * OWASP's examples; other values are quoted as RFC 4180 requires (a comma, a double quote or a
   * line break inside), double quotes doubled.
   */
  static String csvCell(String value) {
    boolean formula = !value.isEmpty() && FORMULA_TRIGGERS.indexOf(value.charAt(0)) >= 0;
    String cell = formula ? "'" + value : value;
    if (formula
        || cell.indexOf(',') >= 0
        || cell.indexOf('"') >= 0
        || cell.indexOf('\n') >= 0
        || cell.indexOf('\r') >= 0) {
      return '"' + cell.replace("\"", "\"\"") + '"';
    }
    return cell;
  }
}
