package io.fileparser.upload.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDJavascriptNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDSimpleFileSpecification;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;
import org.apache.pdfbox.pdmodel.interactive.action.PDPageAdditionalActions;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageFitDestination;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PdfInspectorTest {

  @TempDir Path dir;

  private final PdfInspector inspector = new PdfInspector();
  private final ValidationLimits limits = ValidationLimits.defaults();

  @Test
  void acceptsPlainPdfAndReportsItsFacts() throws IOException {
    PDDocument document = document(3);
    document.getDocumentInformation().setProducer("Test Producer 1.0");
    Path file = save(document);

    PdfFacts facts = inspector.inspect(file, limits);

    assertEquals(3, facts.pages());
    assertFalse(facts.encrypted());
    assertFalse(facts.hasJavaScript());
    assertFalse(facts.hasLaunchAction());
    assertEquals("Test Producer 1.0", facts.producer());
    assertTrue(facts.pdfVersion().startsWith("1."), facts.pdfVersion());
    assertEquals(3, facts.asMap().get("pages"));
  }

  @Test
  void refusesPdfThatNeedsAPassword() throws IOException {
    PDDocument document = document(1);
    document.protect(protection("owner-secret", "user-secret"));
    Path file = save(document);

    ValidationFailure failure = refused(file, limits);

    assertEquals(ValidationFailure.PDF_ENCRYPTED, failure.code());
    assertTrue(failure.detail().contains("remove the password and upload again"));
  }

  @Test
  void acceptsPdfWithOnlyAnOwnerPasswordAsEncrypted() throws IOException {
    PDDocument document = document(2);
    document.protect(protection("owner-secret", ""));
    Path file = save(document);

    PdfFacts facts = inspector.inspect(file, limits);

    assertTrue(facts.encrypted());
    assertEquals(2, facts.pages());
  }

  @Test
  void refusesDocumentLevelJavaScript() throws IOException {
    PDDocument document = document(1);
    PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
    PDJavascriptNameTreeNode scripts = new PDJavascriptNameTreeNode();
    scripts.setNames(Map.of("greet", new PDActionJavaScript("app.alert('hello');")));
    names.setJavascript(scripts);
    document.getDocumentCatalog().setNames(names);
    Path file = save(document);

    ValidationFailure failure = refused(file, limits);

    assertEquals(ValidationFailure.PDF_ACTIVE_CONTENT, failure.code());
    assertEquals(true, failure.facts().get("hasJavaScript"));
    assertTrue(found(failure).get(0).contains("name tree"), found(failure).toString());
    assertTrue(failure.detail().contains("JavaScript"));
  }

  @Test
  void refusesLaunchActionOpeningTheDocument() throws IOException {
    PDDocument document = document(1);
    PDActionLaunch launch = new PDActionLaunch();
    launch.setFile(program("calc.exe"));
    document.getDocumentCatalog().setOpenAction(launch);
    Path file = save(document);

    ValidationFailure failure = refused(file, limits);

    assertEquals(ValidationFailure.PDF_ACTIVE_CONTENT, failure.code());
    assertEquals(true, failure.facts().get("hasLaunchAction"));
    assertEquals(false, failure.facts().get("hasJavaScript"));
    assertEquals(List.of("a Launch action in the open action"), found(failure));
    assertTrue(failure.detail().contains("Launch actions"));
  }

  @Test
  void refusesJavaScriptOnALinkAnnotation() throws IOException {
    PDDocument document = document(2);
    PDAnnotationLink link = new PDAnnotationLink();
    link.setRectangle(new PDRectangle(72, 600, 200, 20));
    link.setAction(new PDActionJavaScript("this.submitForm('https://example.invalid');"));
    document.getPage(1).getAnnotations().add(link);
    Path file = save(document);

    ValidationFailure failure = refused(file, limits);

    assertEquals(ValidationFailure.PDF_ACTIVE_CONTENT, failure.code());
    assertEquals(List.of("JavaScript in an annotation on page 2"), found(failure));
  }

  @Test
  void refusesJavaScriptRunWhenAPageOpens() throws IOException {
    PDDocument document = document(1);
    PDPageAdditionalActions actions = new PDPageAdditionalActions();
    actions.setO(new PDActionJavaScript("app.beep(0);"));
    document.getPage(0).setActions(actions);
    Path file = save(document);

    ValidationFailure failure = refused(file, limits);

    assertEquals(List.of("JavaScript in page 1"), found(failure));
  }

  @Test
  void findsJavaScriptChainedAfterAHarmlessOpenAction() throws IOException {
    PDDocument document = document(1);
    PDActionGoTo goTo = new PDActionGoTo();
    PDPageFitDestination destination = new PDPageFitDestination();
    destination.setPage(document.getPage(0));
    goTo.setDestination(destination);
    goTo.setNext(List.of(new PDActionJavaScript("app.alert('later');")));
    document.getDocumentCatalog().setOpenAction(goTo);
    Path file = save(document);

    ValidationFailure failure = refused(file, limits);

    assertEquals(List.of("JavaScript in the open action"), found(failure));
  }

  @Test
  void acceptsActiveContentTheLimitsAllow() throws IOException {
    PDDocument document = document(1);
    PDActionLaunch launch = new PDActionLaunch();
    launch.setFile(program("viewer.exe"));
    document.getDocumentCatalog().setOpenAction(launch);
    PDAnnotationLink link = new PDAnnotationLink();
    link.setRectangle(new PDRectangle(72, 600, 200, 20));
    link.setAction(new PDActionJavaScript("app.alert('hi');"));
    document.getPage(0).getAnnotations().add(link);
    Path file = save(document);
    ValidationLimits permissive =
        new ValidationLimits(1000, 1 << 20, 0.02, 100, 1L << 32, 1000, true, true, 10_000);

    PdfFacts facts = inspector.inspect(file, permissive);

    assertTrue(facts.hasJavaScript());
    assertTrue(facts.hasLaunchAction());
  }

  @Test
  void refusesPdfWithMorePagesThanTheLimit() throws IOException {
    Path file = save(document(3));
    ValidationLimits twoPages =
        new ValidationLimits(1000, 1 << 20, 0.02, 100, 1L << 32, 1000, false, false, 2);

    ValidationFailure failure = refused(file, twoPages);

    assertEquals(ValidationFailure.PDF_TOO_MANY_PAGES, failure.code());
    assertEquals(3, failure.facts().get("pages"));
    assertEquals(2, failure.facts().get("maxPages"));
  }

  @Test
  void refusesTruncatedPdf() throws IOException {
    byte[] bytes = Files.readAllBytes(save(document(2)));
    Path cut = write("cut.pdf", Arrays.copyOf(bytes, bytes.length / 2));

    ValidationFailure failure = refused(cut, limits);

    assertEquals(ValidationFailure.PDF_MALFORMED, failure.code());
    assertTrue(failure.detail().contains("%%EOF"), failure.detail());
  }

  @Test
  void refusesPdfWithoutEofMarker() throws IOException {
    String text = new String(Files.readAllBytes(save(document(1))), StandardCharsets.ISO_8859_1);
    int marker = text.lastIndexOf("%%EOF");
    Path file =
        write("no-eof.pdf", text.substring(0, marker).getBytes(StandardCharsets.ISO_8859_1));

    assertEquals(ValidationFailure.PDF_MALFORMED, refused(file, limits).code());
  }

  @Test
  void refusesDataAfterTheEofMarker() throws IOException {
    byte[] pdf = Files.readAllBytes(save(document(1)));
    Path file = write("tail.pdf", concat(pdf, "garbage".getBytes(StandardCharsets.US_ASCII)));

    assertEquals(ValidationFailure.PDF_MALFORMED, refused(file, limits).code());
  }

  @Test
  void acceptsWhitespaceAfterTheEofMarker() throws IOException {
    byte[] pdf = Files.readAllBytes(save(document(1)));
    Path file = write("spaces.pdf", concat(pdf, "\r\n  \n\0".getBytes(StandardCharsets.US_ASCII)));

    assertEquals(1, inspector.inspect(file, limits).pages());
  }

  @Test
  void acceptsJunkBeforeTheHeaderWithinTheFirstKilobyte() throws IOException {
    byte[] pdf = Files.readAllBytes(save(document(2)));
    byte[] junk = ("X-Mailer: something\r\n" + "x".repeat(900) + "\r\n").getBytes();
    Path file = write("junk.pdf", concat(junk, pdf));

    assertEquals(2, inspector.inspect(file, limits).pages());
  }

  @Test
  void refusesHeaderAfterTheFirstKilobyte() throws IOException {
    byte[] pdf = Files.readAllBytes(save(document(1)));
    Path file = write("late.pdf", concat(("x".repeat(1100) + "\n").getBytes(), pdf));

    ValidationFailure failure = refused(file, limits);

    assertEquals(ValidationFailure.PDF_MALFORMED, failure.code());
    assertTrue(failure.detail().contains("header"), failure.detail());
  }

  @Test
  void refusesFramingAroundGarbage() throws IOException {
    Path file = write("fake.pdf", "%PDF-1.7\nthis is not a document\n%%EOF\n".getBytes());

    ValidationFailure failure = refused(file, limits);

    assertEquals(ValidationFailure.PDF_MALFORMED, failure.code());
    assertTrue(failure.detail().contains("cannot be read"), failure.detail());
    assertFalse(failure.detail().contains("PDFBox"), "names the parser: " + failure.detail());
    assertFalse(failure.detail().matches("(?s).*[a-z]+\\.[a-z]+\\.[A-Z].*"), failure.detail());
  }

  private ValidationFailure refused(Path file, ValidationLimits limits) {
    return assertThrows(ValidationFailure.class, () -> inspector.inspect(file, limits));
  }

  @SuppressWarnings("unchecked")
  private static List<String> found(ValidationFailure failure) {
    return (List<String>) failure.facts().get("found");
  }

  private static PDDocument document(int pages) throws IOException {
    PDDocument document = new PDDocument();
    PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    for (int i = 1; i <= pages; i++) {
      PDPage page = new PDPage(PDRectangle.A4);
      document.addPage(page);
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        content.beginText();
        content.setFont(font, 12);
        content.newLineAtOffset(72, 720);
        content.showText("Invoice 2024-" + i + ": total 42.00 EUR");
        content.endText();
      }
    }
    return document;
  }

  private static PDSimpleFileSpecification program(String name) {
    PDSimpleFileSpecification file = new PDSimpleFileSpecification();
    file.setFile(name);
    return file;
  }

  private static StandardProtectionPolicy protection(String owner, String user) {
    AccessPermission permissions = new AccessPermission();
    permissions.setCanPrint(false);
    StandardProtectionPolicy policy = new StandardProtectionPolicy(owner, user, permissions);
    policy.setEncryptionKeyLength(256);
    return policy;
  }

  private Path save(PDDocument document) throws IOException {
    Path file = Files.createTempFile(dir, "sample", ".pdf");
    try (document) {
      document.save(file.toFile());
    }
    return file;
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first);
    out.writeBytes(second);
    return out.toByteArray();
  }
}
