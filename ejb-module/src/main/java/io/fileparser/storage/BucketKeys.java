package io.fileparser.storage;

import io.fileparser.tenancy.TenantId;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The key layout the stores of a bucket (S3, Cloud Storage) share: {@code <prefix>/staging/<uuid>},
 * {@code <prefix>/tenants/<tenant>/<ab>/<sha256>}, {@code <prefix>/quarantine/...} and {@code
 * <prefix>/results/<tenant>/<job>/<attempt>.ndjson}, addressed as {@code
 * <scheme>://<bucket>/<key>}; and the checks that a key or URI handed back is one of this store's.
 */
final class BucketKeys {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  // Keys of the areas, without "." or ".." segments (a file-system backed server may resolve
  // them) or empty ones.
  private static final Pattern AREA_KEY =
      Pattern.compile(
          "(?!.*/\\.{1,2}(/|$))(staging|tenants|results|quarantine)(/[A-Za-z0-9._-]+)+");

  /** The tenant and hash a content-addressed key stands for. */
  record Content(String tenantId, String sha256) {}

  private final String scheme;
  private final String bucket;
  private final String prefix;

  /**
   * @param prefix the settings' folder of a shared bucket, validated by them; empty for none
   */
  BucketKeys(String scheme, String bucket, String prefix) {
    this.scheme = scheme;
    this.bucket = bucket;
    this.prefix = prefix.isEmpty() ? "" : prefix + "/";
  }

  /** The prefix of every key, ending in {@code /} unless empty. */
  String prefix() {
    return prefix;
  }

  /** Where staged uploads go. */
  String stagingArea() {
    return prefix + "staging/";
  }

  /** A fresh staging key. */
  String newStaging() {
    return stagingArea() + UUID.randomUUID();
  }

  /** {@code <prefix>/<area>/<tenant>/}. */
  String tenantArea(String area, String tenantId) {
    return prefix + area + "/" + TenantId.require(tenantId) + "/";
  }

  /** The content address of {@code sha256} of a tenant under an area. */
  String contentKey(String area, String tenantId, String sha256) {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("not a SHA-256 hex digest");
    }
    return tenantArea(area, tenantId) + sha256.substring(0, 2) + "/" + sha256;
  }

  /** Whether {@code key} is one {@link #newStaging} makes. */
  boolean isStaging(String key) {
    String staging = stagingArea();
    return key.startsWith(staging) && UUID_TEXT.matcher(key.substring(staging.length())).matches();
  }

  /** The key of a staged object, refusing one this store did not stage. */
  String staged(StagedObject staged) {
    if (!isStaging(staged.key())) {
      throw new IllegalArgumentException("not a staging key of this store");
    }
    return staged.key();
  }

  /** The key a URI names, refusing anything that is not an object of this store. */
  String own(URI uri) {
    String path = uri.getPath();
    if (!scheme.equalsIgnoreCase(uri.getScheme())
        || !bucket.equals(uri.getAuthority())
        || uri.getQuery() != null
        || uri.getFragment() != null
        || path == null
        || !path.startsWith("/" + prefix)
        || !AREA_KEY.matcher(path.substring(1 + prefix.length())).matches()) {
      throw new IllegalArgumentException("URI is outside this store: " + uri);
    }
    return path.substring(1);
  }

  URI uri(String key) {
    // Keys are built from the validated prefix, tenant ids, UUIDs and hex only: no escaping needed.
    return URI.create(scheme + "://" + bucket + "/" + key);
  }

  /**
   * {@code <tenant>/<ab>/<sha256>} under {@code areaPrefix}; empty for any other key (a server that
   * ignores the prefix filter included).
   */
  static Optional<Content> content(String areaPrefix, String key) {
    if (!key.startsWith(areaPrefix)) {
      return Optional.empty();
    }
    String[] parts = key.substring(areaPrefix.length()).split("/", -1);
    if (parts.length != 3
        || !TenantId.isValid(parts[0])
        || !SHA256.matcher(parts[2]).matches()
        || !parts[1].equals(parts[2].substring(0, 2))) {
      return Optional.empty();
    }
    return Optional.of(new Content(parts[0], parts[2]));
  }
}
