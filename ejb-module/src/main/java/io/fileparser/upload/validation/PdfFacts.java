package io.fileparser.upload.validation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What opening a whole PDF found.
 *
 * @param pdfVersion the version the document declares, header or catalog, e.g. {@code 1.7}
 * @param pages the page count
 * @param encrypted whether the document is encrypted; only documents that open without a password
 *     (an owner password restricting permissions) are accepted, so this never means locked
 * @param hasJavaScript whether JavaScript actions were found (only when the limits allow them)
 * @param hasLaunchAction whether Launch actions were found (only when the limits allow them)
 * @param producer the producer named in the document information, or null
 */
public record PdfFacts(
    String pdfVersion,
    int pages,
    boolean encrypted,
    boolean hasJavaScript,
    boolean hasLaunchAction,
    String producer) {

  /** The facts as JSON-friendly values; an absent producer is left out. */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("pdfVersion", pdfVersion);
    map.put("pages", pages);
    map.put("encrypted", encrypted);
    map.put("hasJavaScript", hasJavaScript);
    map.put("hasLaunchAction", hasLaunchAction);
    if (producer != null) {
      map.put("producer", producer);
    }
    return map;
  }
}
