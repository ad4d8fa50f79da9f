package io.fileparser.upload.validation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What checking a whole CSV file found.
 *
 * @param rows the data records, without the header record and blank lines
 * @param columns the field count expected of every record
 * @param encoding the charset that decodes the whole file: {@code UTF-8}, {@code windows-1252} or
 *     {@code ISO-8859-1}
 * @param raggedRows records (header included) whose field count differs from {@code columns},
 *     within the tolerance
 */
public record CsvFacts(long rows, int columns, String encoding, long raggedRows) {

  /** The facts as JSON-friendly values. */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("rows", rows);
    map.put("columns", columns);
    map.put("encoding", encoding);
    map.put("raggedRows", raggedRows);
    return map;
  }
}
