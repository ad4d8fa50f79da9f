package io.fileparser.upload.detection;

import io.fileparser.files.entity.FileFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;

/**
 * Recognises what an upload is from its first bytes only. The file name and the declared content
 * type are never consulted, so an executable renamed {@code report.pdf} is refused.
 *
 * <p>Tika's magic detector runs first. It decides PDF, and any other type it names that is not text
 * is refused with that type, even when the bytes would also read as text: a file that starts like
 * an executable is not worth the risk. (Its whole table is consulted only when a type that is not
 * text, XML or HTML matches; otherwise its answer could only be text or unknown, which the checks
 * below treat alike.) A {@code %PDF-1.} or {@code %PDF-2.} header within the first 1024 bytes also
 * makes a PDF, as readers allow, though Tika only looks at 512.
 *
 * <p>Content Tika calls text, or does not recognise, is then checked byte by byte. A NUL or another
 * control character that text files do not carry makes it binary, reported as {@code
 * application/octet-stream}. So does content that is neither valid UTF-8 (after an optional BOM)
 * nor plausible Latin-1 (at most 30% of bytes above 0x7F). UTF-16 is not supported: its NUL bytes
 * make it binary here. Text is offered to {@link CdrSniffer} before {@link CsvSniffer}, since every
 * delimited CDR export is also a CSV file and the more specific answer is the useful one. Other
 * text is refused as {@code text/plain}, or as Tika's more specific text type such as {@code
 * application/xml}.
 *
 * <p>Instances are stateless and safe to share between threads.
 */
public class ContentSniffer {

  /** How much of the file {@link #detect(byte[], int)} expects to see at most. */
  public static final int HEAD_SIZE = 64 * 1024;

  private static final String TEXT_PLAIN = "text/plain";
  private static final String TEXT_CSV = "text/csv";
  private static final MediaType PDF = MediaType.application("pdf");

  /** Readers accept junk before the PDF header for this long; Tika looks at the first 512 only. */
  private static final int PDF_HEADER_WINDOW = 1024;

  private static final double MAX_HIGH_BYTES = 0.3;

  private static final MimeTypes MIME_TYPES = MimeTypes.getDefaultMimeTypes();

  /** Where the magic of each of Tika's types may match. */
  private static final MagicAnchors ANCHORS = MagicAnchors.ofDefaultTable();

  /**
   * What a head must hold for the magic of a type whose clauses scan a range of it, by the magic in
   * Tika's table (pinned by ContentSnifferTest, so an upgrade that changes it fails the build).
   * Tika tries such a clause at each of the range's offsets (the regular expression compiled anew
   * per call): these three took about three quarters of the check of a small CSV head, and text
   * holds what none of them needs.
   */
  static final Map<String, Predicate<String>> RANGE_MAGIC_NEEDS =
      Map.of(
          // [\r\n]%AI5_FileFormat [1-4][\r\n] (regex) anywhere in the first 8,192 bytes
          "application/illustrator+ps", latin1 -> latin1.contains("%AI5_FileFormat "),
          // UTF-16LE strings of ASCII letters ("Windows Media Video", "wmv2", ...): a NUL byte
          "video/x-ms-wmv", latin1 -> latin1.indexOf('\0') >= 0,
          "audio/x-ms-wma", latin1 -> latin1.indexOf('\0') >= 0);

  /**
   * A type's magic, its anchors, one of which a head must hold for it to match (null: nothing
   * known), and what else the head must hold (null: nothing known).
   */
  private record MagicCheck(
      MimeType type, List<MagicAnchors.Anchor> anchors, Predicate<String> needs) {}

  /**
   * Tika's types with magic that are not text (367 of its 414). Text is nearly every upload, and
   * for text none of them matches: checking only these costs about 35% less than Tika's whole
   * table, and Tika's own answer is asked for only when one matches or its answer could differ (see
   * {@link #magicIfNotText}). The magic of a type is evaluated only when the head holds one of its
   * {@link MagicAnchors anchors} (or nothing is known of where it matches).
   */
  private static final List<MagicCheck> NON_TEXT_MAGIC = nonTextMagic(MIME_TYPES);

  /** The two types whose text Tika may turn into another type, by the document's root element. */
  private static final MimeType XML = registered(MIME_TYPES, "application/xml");

  private static final MimeType HTML = registered(MIME_TYPES, "text/html");

  private static final List<MagicAnchors.Anchor> XML_ANCHORS =
      ANCHORS.of(XML.getName()).orElse(null);
  private static final List<MagicAnchors.Anchor> HTML_ANCHORS =
      ANCHORS.of(HTML.getName()).orElse(null);

  private final CdrSniffer cdrSniffer = new CdrSniffer();
  private final CsvSniffer csvSniffer = new CsvSniffer();

  /**
   * Detects the content of a file from its head. A head of {@link #HEAD_SIZE} bytes or more is
   * taken to be cut, so its last line is ignored unless it ends with a line break.
   *
   * @param head the first bytes of the file, valid from index 0 up to {@code length}
   */
  public Detection detect(byte[] head, int length) {
    return detect(head, length, isTruncated(length));
  }

  /**
   * Detects the content of a file from its head.
   *
   * @param truncated whether the file continues after {@code length} bytes
   */
  public Detection detect(byte[] head, int length, boolean truncated) {
    Objects.checkFromIndexSize(0, length, head.length);
    if (length == 0) {
      return new Detection(MediaType.OCTET_STREAM.toString(), null, null);
    }
    MediaTypeRegistry registry = MIME_TYPES.getMediaTypeRegistry();
    MediaType early = magicIfNotText(head, length);
    if (early != null) {
      if (registry.isInstanceOf(early, PDF)) {
        return new Detection(PDF.toString(), FileFormat.PDF, null);
      }
      if (!registry.isInstanceOf(early, MediaType.TEXT_PLAIN)
          && !early.equals(MediaType.OCTET_STREAM)) {
        return new Detection(early.toString(), null, null);
      }
    }
    // Junk before a late header (mail or HTTP headers, say) often makes Tika answer a text type.
    if (hasLatePdfHeader(head, length)) {
      return new Detection(PDF.toString(), FileFormat.PDF, null);
    }
    Optional<String> text = decodeText(head, length, truncated);
    if (text.isEmpty()) {
      // Tika may call content text that our stricter check refuses; do not report it as text.
      return new Detection(MediaType.OCTET_STREAM.toString(), null, null);
    }
    SplitText split = new SplitText(text.get(), truncated);
    Optional<CsvDialect> dialect = csvSniffer.sniff(split);
    Optional<String> layout = cdrSniffer.sniff(split, dialect);
    if (layout.isPresent()) {
      String mime = CdrSniffer.isDelimited(layout.get()) ? TEXT_CSV : TEXT_PLAIN;
      CsvDialect shape =
          CdrSniffer.ASTERISK_MASTER_CSV.equals(layout.get())
              ? CdrSniffer.asteriskDialect(split)
              : dialect.orElse(null);
      return new Detection(mime, FileFormat.CDR, layout.get(), shape);
    }
    if (dialect.isPresent()) {
      return new Detection(TEXT_CSV, FileFormat.CSV, null, dialect.get());
    }
    // Tika's specific answer (application/xml, text/html) tells the client more than text/plain.
    MediaType magic = early != null ? early : magicType(head, length);
    return new Detection(
        registry.isInstanceOf(magic, MediaType.TEXT_PLAIN) ? magic.toString() : TEXT_PLAIN,
        null,
        null);
  }

  /**
   * The head as text, decoded as {@link #detect(byte[], int)} decodes it, or empty for binary
   * content. For a caller that tries what {@code detect} refused as {@code text/plain} against the
   * tenant's fixed-width templates.
   */
  public Optional<String> text(byte[] head, int length) {
    Objects.checkFromIndexSize(0, length, head.length);
    return decodeText(head, length, isTruncated(length));
  }

  /** Whether a head of {@code length} bytes is taken to be cut ({@link #HEAD_SIZE} or more). */
  public static boolean isTruncated(int length) {
    return length >= HEAD_SIZE;
  }

  /**
   * What a text refused as plain text is when a published fixed-width template fits it: a CDR of
   * layout {@value CdrSniffer#FIXED_WIDTH_TEMPLATE}.
   */
  public static Detection fixedWidthTemplate() {
    return new Detection(TEXT_PLAIN, FileFormat.CDR, CdrSniffer.FIXED_WIDTH_TEMPLATE);
  }

  /** Whether {@code detection} is the refusal of text no sniffer recognised. */
  public static boolean isPlainText(Detection detection) {
    return !detection.isSupported() && TEXT_PLAIN.equals(detection.mimeType());
  }

  /**
   * Tika's answer where it may name a type that is not text, or null where it can only be text or
   * unknown. That holds when no type that is not text has matching magic and neither XML's nor
   * HTML's does: Tika turns a text answer into another type only when its magic answers {@code
   * application/xml} or {@code text/html} (by the document's root element). So the answer is Tika's
   * whenever it matters, and the same. (A {@code <} alone does not count: Asterisk exports write
   * caller ids as {@code "Name" <7890>}.)
   */
  MediaType magicIfNotText(byte[] head, int length) {
    int window = Math.min(length, MIME_TYPES.getMinLength());
    byte[] data = window == head.length ? head : Arrays.copyOf(head, window);
    if (mayMatch(XML_ANCHORS, data, window) && XML.matchesMagic(data)
        || mayMatch(HTML_ANCHORS, data, window) && HTML.matchesMagic(data)) {
      return magicType(head, length);
    }
    String latin1 = null; // the window as ISO-8859-1, one char per byte, for the needs
    for (MagicCheck check : NON_TEXT_MAGIC) {
      if (!mayMatch(check.anchors(), data, window)) {
        continue;
      }
      if (check.needs() != null) {
        if (latin1 == null) {
          latin1 = new String(data, 0, window, StandardCharsets.ISO_8859_1);
        }
        if (!check.needs().test(latin1)) {
          continue;
        }
      }
      if (check.type().matchesMagic(data)) {
        return magicType(head, length);
      }
    }
    return null;
  }

  /** Whether a head may match a magic with these anchors (null: nothing known, it may). */
  private static boolean mayMatch(List<MagicAnchors.Anchor> anchors, byte[] data, int length) {
    return anchors == null || MagicAnchors.anyHolds(anchors, data, length);
  }

  private static MimeType registered(MimeTypes mimeTypes, String name) {
    return lookup(mimeTypes, name)
        .orElseThrow(() -> new IllegalStateException("Tika does not know " + name));
  }

  /** The type Tika registered under this name, if it parses the name and knows it. */
  private static Optional<MimeType> lookup(MimeTypes mimeTypes, String name) {
    try {
      return Optional.ofNullable(mimeTypes.getRegisteredMimeType(name));
    } catch (MimeTypeException e) {
      return Optional.empty(); // not a type name Tika parses
    }
  }

  private static List<MagicCheck> nonTextMagic(MimeTypes mimeTypes) {
    MediaTypeRegistry registry = mimeTypes.getMediaTypeRegistry();
    List<MimeType> types = new ArrayList<>();
    for (MediaType type : registry.getTypes()) {
      lookup(mimeTypes, type.toString())
          .filter(MimeType::hasMagic)
          .filter(mimeType -> !registry.isInstanceOf(type, MediaType.TEXT_PLAIN))
          .filter(mimeType -> !types.contains(mimeType))
          .ifPresent(types::add);
    }
    // PDF first of these (after XML's and HTML's magic): an accepted format, so a PDF's upload
    // finds its match early.
    types.sort(Comparator.comparing(type -> !registry.isInstanceOf(type.getType(), PDF)));
    return types.stream()
        .map(
            type ->
                new MagicCheck(
                    type,
                    ANCHORS.of(type.getName()).orElse(null),
                    RANGE_MAGIC_NEEDS.get(type.getName())))
        .toList();
  }

  MediaType magicType(byte[] head, int length) {
    try (InputStream in = new ByteArrayInputStream(head, 0, length)) {
      return MIME_TYPES.detect(in, new Metadata()).getBaseType();
    } catch (IOException e) {
      throw new UncheckedIOException("Reading an in-memory stream failed", e);
    }
  }

  private static boolean hasLatePdfHeader(byte[] head, int length) {
    byte[] header = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    int last = Math.min(PDF_HEADER_WINDOW, length - header.length - 2);
    for (int start = 0; start <= last; start++) {
      if (startsWith(head, start, header)
          && (head[start + header.length] == '1' || head[start + header.length] == '2')
          && head[start + header.length + 1] == '.') {
        return true;
      }
    }
    return false;
  }

  private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[offset + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static Optional<String> decodeText(byte[] head, int length, boolean truncated) {
    boolean bom =
        length >= 3 && head[0] == (byte) 0xEF && head[1] == (byte) 0xBB && head[2] == (byte) 0xBF;
    int start = bom ? 3 : 0;
    int highBytes = 0;
    for (int i = start; i < length; i++) {
      int b = head[i] & 0xFF;
      if (isForeignControl(b)) {
        return Optional.empty();
      }
      if (b >= 0x80) {
        highBytes++;
      }
    }
    int end = truncated ? length - cutUtf8Tail(head, start, length) : length;
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(head, start, end - start))
              .toString());
    } catch (CharacterCodingException notUtf8) {
      if (highBytes > MAX_HIGH_BYTES * (length - start)) {
        return Optional.empty();
      }
      return Optional.of(new String(head, start, length - start, StandardCharsets.ISO_8859_1));
    }
  }

  /**
   * Control characters that do not occur in text files. Tab, line breaks, form feed, vertical tab
   * (line breaks inside cells in some spreadsheet exports), SUB (DOS end of file) and ESC (ANSI
   * colours in logs) do.
   */
  private static boolean isForeignControl(int b) {
    return (b < 0x20 && b != '\t' && b != '\n' && b != 0x0B && b != '\f' && b != '\r' && b != 0x1A
            && b != 0x1B)
        || b == 0x7F;
  }

  /** How many bytes at the end form a UTF-8 sequence that the cut of the head left incomplete. */
  private static int cutUtf8Tail(byte[] bytes, int start, int end) {
    for (int back = 1; back <= 3 && end - back >= start; back++) {
      int b = bytes[end - back] & 0xFF;
      if ((b & 0xC0) == 0x80) {
        continue;
      }
      int needed = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
      return needed > back ? back : 0;
    }
    return 0;
  }
}
