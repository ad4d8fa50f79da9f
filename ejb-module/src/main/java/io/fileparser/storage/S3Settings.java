package io.fileparser.storage;

import io.fileparser.egress.LoopbackHosts;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where and how {@link S3ObjectStore} keeps its objects.
 *
 * <p>{@code endpoint} is null for AWS itself and set for an S3-compatible server (MinIO, Ceph,
 * s3proxy), which usually also wants {@code pathStyle}. Objects travel over HTTPS only: the SDK's
 * own endpoints are {@code https}, and an explicit endpoint must be {@code https} too, except plain
 * {@code http} to a loopback host (s3proxy in tests and development), where nothing leaves the
 * machine. {@code region} null means the SDK's region provider chain. {@code prefix} places all
 * keys under one folder of a shared bucket; it may be empty. Both keys null means the SDK's default
 * credentials chain (instance role, environment), which is what production on AWS should use.
 * {@code serverSideEncryption} is null, {@code "AES256"} or {@code "aws:kms"} ({@code kmsKeyId}
 * null then means the account's AWS managed key). {@code partSizeBytes} of 0 means {@link
 * #DEFAULT_PART_SIZE}; it is also the memory one upload holds, so it stays far below the upload
 * size.
 */
public record S3Settings(
    URI endpoint,
    String region,
    String bucket,
    String prefix,
    boolean pathStyle,
    String accessKeyId,
    String secretAccessKey,
    String serverSideEncryption,
    String kmsKeyId,
    int partSizeBytes) {

  /** Big enough that a 2 GiB upload needs ~256 parts, small enough to hold one per upload. */
  public static final int DEFAULT_PART_SIZE = 8 * 1024 * 1024;

  /** S3 refuses smaller parts (except the last). */
  public static final int MIN_PART_SIZE = 5 * 1024 * 1024;

  private static final Set<String> SSE_MODES = Set.of("AES256", "aws:kms");
  // Modern bucket naming rules; they also keep s3://<bucket>/ a valid URI authority.
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  // No "." or ".." segments: some S3-compatible servers map keys onto a file system.
  private static final Pattern PREFIX =
      Pattern.compile("(?!.*(^|/)\\.{1,2}(/|$))[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

  /** Normalises the prefix (no leading or trailing slash) and refuses unusable settings. */
  public S3Settings {
    requireEncryptedEndpoint(endpoint);
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("not an S3 bucket name: " + bucket);
    }
    prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
    if (!prefix.isEmpty() && !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("unusable S3 key prefix: " + prefix);
    }
    if ((accessKeyId == null) != (secretAccessKey == null)) {
      throw new IllegalArgumentException("give both S3 access key id and secret, or neither");
    }
    if (serverSideEncryption != null && !SSE_MODES.contains(serverSideEncryption)) {
      throw new IllegalArgumentException(
          "S3 server-side encryption must be AES256 or aws:kms, not " + serverSideEncryption);
    }
    if (kmsKeyId != null && !"aws:kms".equals(serverSideEncryption)) {
      throw new IllegalArgumentException("a KMS key id needs serverSideEncryption aws:kms");
    }
    if (partSizeBytes == 0) {
      partSizeBytes = DEFAULT_PART_SIZE;
    } else if (partSizeBytes < MIN_PART_SIZE) {
      throw new IllegalArgumentException(
          "S3 part size must be at least " + MIN_PART_SIZE + " bytes, not " + partSizeBytes);
    }
  }

  /**
   * Refuses an endpoint that would carry objects and credentials in clear text across a network:
   * anything but {@code https}, or {@code http} to a host that is not loopback.
   */
  static void requireEncryptedEndpoint(URI endpoint) {
    if (endpoint == null) {
      return;
    }
    String scheme =
        endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    if (endpoint.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(
          "fileparser.storage.s3.endpoint must be an absolute https URL (scheme://host[:port]), not "
              + endpoint);
    }
    if (scheme.equals("http") && !LoopbackHosts.isLoopback(endpoint.getHost())) {
      throw new IllegalArgumentException(
          "fileparser.storage.s3.endpoint "
              + endpoint
              + " is plain http to a host that is not loopback: objects and request signatures"
              + " would cross the network unencrypted. Use https (leave the endpoint unset for"
              + " AWS itself); http is accepted only to 127.0.0.1, ::1 or localhost, for a test"
              + " or development server");
    }
  }

  /** Whether static keys were given (otherwise the default credentials chain is used). */
  public boolean hasStaticCredentials() {
    return accessKeyId != null;
  }

  /** Never prints the secret: settings end up in logs and exception messages. */
  @Override
  public String toString() {
    return "S3Settings[endpoint=%s, region=%s, bucket=%s, prefix=%s, pathStyle=%s, accessKeyId=%s,"
            .formatted(endpoint, region, bucket, prefix, pathStyle, accessKeyId)
        + " secretAccessKey=%s, serverSideEncryption=%s, kmsKeyId=%s, partSizeBytes=%d]"
            .formatted(
                secretAccessKey == null ? null : "****",
                serverSideEncryption,
                kmsKeyId,
                partSizeBytes);
  }
}
