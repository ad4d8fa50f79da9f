package io.fileparser.upload;

import io.fileparser.scan.ScanVerdict;
import java.util.Optional;

/**
 * The virus scan of an upload that was still running when the upload was answered: the bytes were
 * stored and checked, clamd had them all, and its verdict had not come within {@code
 * fileparser.scan.verdict-wait-ms} (clamd scans a stream only once its last byte has arrived). The
 * file waits in staging and its job in {@code SCANNING}, as while clamd is away, until the verdict
 * is applied; nothing is parsed before it.
 */
public interface LateVerdict {

  /**
   * Waits for the verdict; empty when the scan gave none (clamd went away, the scan failed), and
   * the rescan of files waiting for the scanner takes the file instead.
   */
  Optional<ScanVerdict> await();

  /** Stops the scan: its upload will not be registered. */
  void cancel();
}
