package io.fileparser.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fileparser.files.entity.FileFormat;
import io.fileparser.files.entity.ScanStatus;
import io.fileparser.storage.StagedObject;
import io.fileparser.upload.detection.Detection;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UploadServiceTest {

  private static final String SHA = "a".repeat(64);
  private static final String OTHER_SHA = "b".repeat(64);
  private static final UploadOptions OPTIONS = new UploadOptions(5, "invoices", "{\"a\":1}");

  @Test
  void fingerprintIsAHexSha256() {
    assertTrue(UploadService.fingerprint(file(SHA, "report.csv"), OPTIONS).matches("[0-9a-f]{64}"));
  }

  @Test
  void sameRequestGivesSameFingerprint() {
    assertEquals(
        UploadService.fingerprint(file(SHA, "report.csv"), OPTIONS),
        UploadService.fingerprint(
            file(SHA, "report.csv"), new UploadOptions(5, "invoices", "{\"a\":1}")));
  }

  @Test
  void fingerprintIgnoresWhereAndWhenTheBytesWereStaged() {
    ReceivedFile first = file(SHA, "report.csv");
    ReceivedFile second =
        new ReceivedFile(
            new StagedObject("11111111-2222-3333-4444-555555555555.part", 99),
            "report.csv",
            SHA,
            99,
            new Detection("application/pdf", FileFormat.PDF, null),
            Instant.parse("2030-01-01T00:00:00Z"),
            Instant.parse("2030-01-01T00:00:01Z"),
            false,
            null,
            ScanStatus.CLEAN,
            null,
            null,
            null);

    assertEquals(
        UploadService.fingerprint(first, OPTIONS), UploadService.fingerprint(second, OPTIONS));
  }

  @Test
  void differentContentChangesFingerprint() {
    assertDiffer(file(SHA, "report.csv"), OPTIONS, file(OTHER_SHA, "report.csv"), OPTIONS);
  }

  @Test
  void differentFilenameChangesFingerprint() {
    assertDiffer(file(SHA, "report.csv"), OPTIONS, file(SHA, "report2.csv"), OPTIONS);
  }

  @Test
  void differentPriorityChangesFingerprint() {
    assertDiffer(
        file(SHA, "report.csv"),
        OPTIONS,
        file(SHA, "report.csv"),
        new UploadOptions(6, "invoices", "{\"a\":1}"));
  }

  @Test
  void differentTemplateChangesFingerprint() {
    assertDiffer(
        file(SHA, "report.csv"),
        OPTIONS,
        file(SHA, "report.csv"),
        new UploadOptions(5, "receipts", "{\"a\":1}"));
  }

  @Test
  void differentMetadataChangesFingerprint() {
    assertDiffer(
        file(SHA, "report.csv"),
        OPTIONS,
        file(SHA, "report.csv"),
        new UploadOptions(5, "invoices", "{\"a\":2}"));
  }

  @Test
  void absentTemplateDiffersFromGivenTemplate() {
    assertDiffer(
        file(SHA, "report.csv"),
        new UploadOptions(5, null, null),
        file(SHA, "report.csv"),
        new UploadOptions(5, "invoices", null));
  }

  @Test
  void absentMetadataDiffersFromGivenMetadata() {
    assertDiffer(
        file(SHA, "report.csv"),
        new UploadOptions(5, null, null),
        file(SHA, "report.csv"),
        new UploadOptions(5, null, "{}"));
  }

  @Test
  void absentTemplateDiffersFromTemplateNamedNull() {
    // "null" is a valid template id, so a retry with it must not replay a job without template.
    assertDiffer(
        file(SHA, "report.csv"),
        new UploadOptions(5, null, null),
        file(SHA, "report.csv"),
        new UploadOptions(5, "null", null));
  }

  @Test
  void movingCharactersBetweenTemplateAndMetadataChangesFingerprint() {
    // Both requests concatenate to "inv{}"; only the field boundaries tell them apart.
    assertDiffer(
        file(SHA, "report.csv"),
        new UploadOptions(5, "inv", "{}"),
        file(SHA, "report.csv"),
        new UploadOptions(5, "inv{", "}"));
  }

  private static void assertDiffer(
      ReceivedFile file, UploadOptions options, ReceivedFile otherFile, UploadOptions other) {
    assertNotEquals(
        UploadService.fingerprint(file, options), UploadService.fingerprint(otherFile, other));
  }

  private static ReceivedFile file(String sha256, String filename) {
    return new ReceivedFile(
        new StagedObject("00000000-0000-0000-0000-000000000000.part", 42),
        filename,
        sha256,
        42,
        new Detection("text/csv", FileFormat.CSV, null),
        Instant.parse("2025-01-01T00:00:00Z"),
        Instant.parse("2025-01-01T00:00:01Z"),
        false,
        null,
        ScanStatus.CLEAN,
        null,
        null,
        null);
  }
}
