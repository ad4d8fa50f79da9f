package io.fileparser.files.entity;

/** What the virus scanner made of a stored file. */
public enum ScanStatus {
  /** The scanner was unreachable: the bytes wait in staging for a rescan. */
  PENDING,
  CLEAN,
  /** Infected, and kept in quarantine by the tenant's policy. */
  INFECTED,
  /** Not scanned: scanning is off, or the scanner was away and the configuration fails open. */
  SKIPPED
}
