package io.fileparser.upload.validation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What checking a whole CDR export found.
 *
 * @param records the call records, without a header record and blank lines
 * @param layout the layout name from {@code CdrSniffer}
 * @param badRecords records that break the layout, within the tolerance
 * @param encoding the charset that decodes the whole file, as for {@link CsvFacts#encoding()}
 */
public record CdrFacts(long records, String layout, long badRecords, String encoding) {

  /** The facts as JSON-friendly values. */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("records", records);
    map.put("layout", layout);
    map.put("badRecords", badRecords);
    map.put("encoding", encoding);
    return map;
  }
}
