package io.fileparser.upload.validation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * Opens a whole PDF with PDFBox and refuses what the parser should not see: damaged or truncated
 * files, password-protected files, active content and too many pages.
 *
 * <p>Two cheap checks run before PDFBox: a {@code %PDF-} header within the first 1024 bytes (where
 * readers look for it) and {@code %%EOF} within the last 2 KiB, followed only by whitespace. The
 * second catches a file cut short, which PDFBox would otherwise silently repair by scanning for
 * objects, so a partial document would be parsed as if complete.
 *
 * <p>The file is read through random access ({@link RandomAccessReadBufferedFile}), and any scratch
 * data goes to temporary files, so a large PDF is not loaded into the heap.
 *
 * <p>Encryption: a document that needs a user password cannot be read by the worker and is refused.
 * A document with only an owner password (restricting printing or copying) opens without one, as in
 * every viewer; it is accepted and reported with {@code encrypted=true}, since its text can still
 * be extracted.
 *
 * <p>Instances are stateless and safe to share between threads.
 */
public class PdfInspector {

  private static final int HEADER_WINDOW = 1024;
  private static final int TRAILER_WINDOW = 2048;
  private static final byte[] HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EOF_MARKER = "%%EOF".getBytes(StandardCharsets.US_ASCII);

  /**
   * Checks the PDF stored at {@code file}.
   *
   * @throws ValidationFailure {@code pdf_malformed}, {@code pdf_encrypted}, {@code
   *     pdf_too_many_pages} or {@code pdf_active_content}
   * @throws IOException when the file cannot be read
   */
  public PdfFacts inspect(Path file, ValidationLimits limits) throws IOException {
    checkFraming(file);
    RandomAccessRead source = new RandomAccessReadBufferedFile(file);
    PDDocument document;
    try {
      document = Loader.loadPDF(source, "", IOUtils.createTempFileOnlyStreamCache());
    } catch (InvalidPasswordException e) {
      source.close();
      throw new ValidationFailure(
          ValidationFailure.PDF_ENCRYPTED,
          "the PDF is password protected; remove the password and upload again",
          Map.of(),
          e);
    } catch (IOException | RuntimeException e) {
      source.close();
      // The parser's own message names its classes at times: kept as the cause, not shown.
      throw malformed(
          "its cross-reference table, trailer or objects cannot be read; save or export it again",
          e);
    }
    // Closing the document closes the source too.
    try (document) {
      return inspect(document, limits);
    } catch (ValidationFailure e) {
      throw e;
    } catch (RuntimeException e) {
      // PDFBox reports some broken structures (a page tree with a loop, say) unchecked.
      throw malformed("its page tree or objects are broken; save or export it again", e);
    }
  }

  private static PdfFacts inspect(PDDocument document, ValidationLimits limits) {
    int pages = document.getNumberOfPages();
    if (pages > limits.maxPdfPages()) {
      throw new ValidationFailure(
          ValidationFailure.PDF_TOO_MANY_PAGES,
          "the PDF has "
              + pages
              + " pages; at most "
              + limits.maxPdfPages()
              + " are accepted, so split it and upload the parts",
          Map.of("pages", pages, "maxPages", limits.maxPdfPages()));
    }
    ActiveContent active = ActiveContent.of(document);
    boolean refuseJavaScript = active.hasJavaScript() && !limits.allowPdfJavaScript();
    boolean refuseLaunch = active.hasLaunchAction() && !limits.allowPdfLaunchActions();
    if (refuseJavaScript || refuseLaunch) {
      List<String> places = active.places();
      Map<String, Object> facts = new LinkedHashMap<>();
      facts.put("hasJavaScript", active.hasJavaScript());
      facts.put("hasLaunchAction", active.hasLaunchAction());
      facts.put("found", places);
      String kinds =
          refuseJavaScript && refuseLaunch
              ? "JavaScript and Launch actions"
              : refuseJavaScript ? "JavaScript" : "Launch actions";
      throw new ValidationFailure(
          ValidationFailure.PDF_ACTIVE_CONTENT,
          "the PDF contains "
              + kinds
              + ", which are not accepted (found: "
              + String.join("; ", places)
              + "); print it to a new PDF without scripts and upload that",
          facts);
    }
    String producer = document.getDocumentInformation().getProducer();
    return new PdfFacts(
        String.valueOf(document.getVersion()),
        pages,
        document.isEncrypted(),
        active.hasJavaScript(),
        active.hasLaunchAction(),
        producer);
  }

  private static void checkFraming(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      byte[] head = read(channel, 0, (int) Math.min(size, HEADER_WINDOW + HEADER.length + 2));
      if (!hasHeader(head)) {
        throw malformed("it has no %PDF- header within the first " + HEADER_WINDOW + " bytes");
      }
      long tailStart = Math.max(0, size - TRAILER_WINDOW);
      byte[] tail = read(channel, tailStart, (int) (size - tailStart));
      if (!endsWithEofMarker(tail)) {
        throw malformed(
            "it does not end with %%EOF, so it is probably cut short; upload the complete file");
      }
    }
  }

  private static byte[] read(FileChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, position + buffer.position()) < 0) {
        break;
      }
    }
    byte[] bytes = new byte[buffer.position()];
    buffer.flip().get(bytes);
    return bytes;
  }

  /** {@code %PDF-} and a version digit starting within the window, as readers accept. */
  private static boolean hasHeader(byte[] head) {
    for (int start = 0; start <= HEADER_WINDOW && start + HEADER.length < head.length; start++) {
      if (matches(head, start, HEADER) && Character.isDigit(head[start + HEADER.length])) {
        return true;
      }
    }
    return false;
  }

  /**
   * The last {@code %%EOF}, after which only PDF whitespace (NUL, tab, CR, LF, FF, space) follows.
   */
  private static boolean endsWithEofMarker(byte[] tail) {
    int end = tail.length;
    while (end > 0 && isPdfWhitespace(tail[end - 1])) {
      end--;
    }
    return end >= EOF_MARKER.length && matches(tail, end - EOF_MARKER.length, EOF_MARKER);
  }

  private static boolean isPdfWhitespace(byte b) {
    return b == 0 || b == '\t' || b == '\n' || b == '\f' || b == '\r' || b == ' ';
  }

  private static boolean matches(byte[] bytes, int offset, byte[] expected) {
    for (int i = 0; i < expected.length; i++) {
      if (bytes[offset + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static ValidationFailure malformed(String why) {
    return malformed(why, null);
  }

  private static ValidationFailure malformed(String why, Throwable cause) {
    return new ValidationFailure(
        ValidationFailure.PDF_MALFORMED, "the PDF is damaged: " + why, Map.of(), cause);
  }
}
