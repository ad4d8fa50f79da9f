package io.fileparser.storage;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where and how {@link GcsObjectStore} keeps its objects.
 *
 * <p>{@code project} null means the one the credentials or the environment name (objects live in a
 * bucket, which needs no project to be addressed). {@code credentialsFile} is a service-account
 * JSON key; null means Application Default Credentials ({@code GOOGLE_APPLICATION_CREDENTIALS}, the
 * {@code gcloud} user's credentials, or the metadata server of the VM or GKE pod), which is what
 * production on Google Cloud should use. {@code prefix} places all objects under one folder of a
 * shared bucket; it may be empty. {@code kmsKeyName} (a customer-managed Cloud KMS key, {@code
 * projects/P/locations/L/keyRings/R/cryptoKeys/K}) encrypts every object the store writes; null
 * leaves the bucket's default encryption. {@code endpoint} null is Google's own HTTPS endpoint; a
 * test may point the store at another one, over plain {@code http} only on a loopback address, so
 * that no credential or byte ever crosses a network unencrypted. {@code chunkSizeBytes} of 0 means
 * {@link #DEFAULT_CHUNK_SIZE}: the resumable upload sends and the client buffers one chunk at a
 * time, so it is also the memory one upload holds.
 */
public record GcsSettings(
    String bucket,
    String project,
    Path credentialsFile,
    String prefix,
    String kmsKeyName,
    URI endpoint,
    int chunkSizeBytes) {

  /** As S3's part size: a 2 GiB upload in ~256 requests, one buffer per upload. */
  public static final int DEFAULT_CHUNK_SIZE = 8 * 1024 * 1024;

  /** Resumable uploads take chunks in multiples of 256 KiB (except the last). */
  public static final int CHUNK_GRANULARITY = 256 * 1024;

  // Google's naming rules for buckets without dots (dotted names are domain-verified and rare);
  // they also keep gs://<bucket>/ a valid URI authority.
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9_.-]{1,61}[a-z0-9]");
  private static final Pattern PREFIX =
      Pattern.compile("(?!.*(^|/)\\.{1,2}(/|$))[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
  private static final Pattern KMS_KEY =
      Pattern.compile(
          "projects/[^/\\s]+/locations/[^/\\s]+/keyRings/[^/\\s]+/cryptoKeys/[^/\\s]+"
              + "(/cryptoKeyVersions/[^/\\s]+)?");

  /** Normalises the prefix (no leading or trailing slash) and refuses unusable settings. */
  public GcsSettings {
    if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.startsWith("goog")) {
      throw new IllegalArgumentException("not a Cloud Storage bucket name: " + bucket);
    }
    project = project == null || project.isBlank() ? null : project.strip();
    prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
    if (!prefix.isEmpty() && !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("unusable Cloud Storage object prefix: " + prefix);
    }
    kmsKeyName = kmsKeyName == null || kmsKeyName.isBlank() ? null : kmsKeyName.strip();
    if (kmsKeyName != null && !KMS_KEY.matcher(kmsKeyName).matches()) {
      throw new IllegalArgumentException(
          "fileparser.storage.gcs.kms-key-name must be a Cloud KMS key resource name"
              + " (projects/P/locations/L/keyRings/R/cryptoKeys/K), not "
              + kmsKeyName);
    }
    if (endpoint != null) {
      requireSafeEndpoint(endpoint);
    }
    if (chunkSizeBytes == 0) {
      chunkSizeBytes = DEFAULT_CHUNK_SIZE;
    } else if (chunkSizeBytes < CHUNK_GRANULARITY || chunkSizeBytes % CHUNK_GRANULARITY != 0) {
      throw new IllegalArgumentException(
          "fileparser.storage.gcs.chunk-size-bytes must be a positive multiple of "
              + CHUNK_GRANULARITY
              + " bytes, not "
              + chunkSizeBytes);
    }
  }

  /** Whether a service-account key file was given (otherwise Application Default Credentials). */
  public boolean hasCredentialsFile() {
    return credentialsFile != null;
  }

  /**
   * An endpoint override is for tests and private gateways: {@code https} anywhere, {@code http}
   * only on a loopback address, where nothing leaves the machine.
   */
  private static void requireSafeEndpoint(URI endpoint) {
    String scheme =
        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (endpoint.getHost() == null
        || endpoint.getUserInfo() != null
        || endpoint.getQuery() != null
        || endpoint.getFragment() != null
        || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(
          "fileparser.storage.gcs.endpoint must be an https://host[:port] URL, not " + endpoint);
    }
    if (scheme.equals("http") && !isLoopback(endpoint.getHost())) {
      throw new IllegalArgumentException(
          "fileparser.storage.gcs.endpoint "
              + endpoint
              + " is plain http to a host that is not loopback: Cloud Storage is reached over"
              + " https only (plain http is accepted for a test server on 127.0.0.1, ::1 or"
              + " localhost)");
    }
  }

  /** Literal loopback addresses and localhost only: no name lookup decides this. */
  private static boolean isLoopback(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (bare.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!bare.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      return false;
    }
    try {
      return InetAddress.getByName(bare).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Names the key file, never its content. */
  @Override
  public String toString() {
    return ("GcsSettings[bucket=%s, project=%s, credentials=%s, prefix=%s, kmsKeyName=%s,"
            + " endpoint=%s, chunkSizeBytes=%d]")
        .formatted(
            bucket,
            project,
            credentialsFile == null ? "application default" : credentialsFile,
            prefix,
            kmsKeyName,
            endpoint == null ? "https://storage.googleapis.com" : endpoint,
            chunkSizeBytes);
  }
}
