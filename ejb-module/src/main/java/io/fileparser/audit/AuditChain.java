package io.fileparser.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The hash that links audit records: SHA-256 over a canonical encoding of the previous record's
 * hash and this record's id and columns. Both the appender ({@link AuditLog}) and the verifier
 * ({@link AuditTrail}) use this one class, so what is written is what is checked; the migration
 * that linked the records written before the chain existed (V14, {@code audit_log_record_hash})
 * mirrors it byte for byte, and a plain test pins it with a known vector.
 *
 * <p>The encoding is unambiguous: a version tag, then every text field as a 4-byte big-endian
 * length of its UTF-8 bytes followed by those bytes (length -1 for null), the previous hash the
 * same way, the id as 8 bytes big-endian, and the time as ISO-8601 UTC with exactly six fraction
 * digits ({@code 2026-11-30T03:38:30.123456Z}). So no two different records encode alike, whatever
 * their texts contain, and no field can be shifted into its neighbour.
 *
 * <p>One chain for the whole log, not one per tenant: it proves that nothing was removed from
 * between any two records of any tenant, in one walk, with one head to compare against. The price
 * is that verifying it is the platform operator's, since a walk reads every tenant's records.
 */
public final class AuditChain {

  /** The {@code prev_hash} of the first record: there is no record before it. */
  public static final byte[] GENESIS = new byte[32];

  private static final byte[] VERSION = "fileparser-audit-v1".getBytes(StandardCharsets.UTF_8);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private AuditChain() {}

  /** The hash of the record {@code id} saying {@code entry}, linked after {@code prevHash}. */
  public static byte[] hash(byte[] prevHash, long id, AuditEntry entry) {
    return sha256(encode(prevHash, id, entry));
  }

  /** The bytes that are hashed; public for the test that pins the encoding. */
  public static byte[] encode(byte[] prevHash, long id, AuditEntry entry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    field(out, VERSION);
    field(out, prevHash);
    out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(id).array());
    text(out, entry.tenantId());
    text(out, entry.actor());
    text(out, entry.action());
    text(out, entry.targetType());
    text(out, entry.targetId());
    text(out, entry.details());
    text(out, TIME.format(entry.occurredAt()));
    return out.toByteArray();
  }

  /** Lower-case hex, as the API shows hashes. */
  public static String hex(byte[] hash) {
    return HEX.formatHex(hash);
  }

  private static void text(ByteArrayOutputStream out, String value) {
    field(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  private static void field(ByteArrayOutputStream out, byte[] value) {
    int length = value == null ? -1 : value.length;
    out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(length).array());
    if (value != null) {
      out.writeBytes(value);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
