package io.fileparser.upload.detection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.tika.detect.MagicDetector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Where each of Tika's magic types must find one of a few bytes for its magic to match: the bytes
 * each top-level match of its magic can start with (its pattern's first byte, in the bits its mask
 * keeps, either case where case is ignored; for a regular expression, the bytes it can start with),
 * at that match's offset or in its range of offsets. A head that holds none of a type's anchors
 * cannot match its magic, and Tika's evaluation of it (clause by clause, allocating per clause, a
 * regular expression compiled anew per call) is skipped. Text, nearly every upload, holds the
 * anchors of few binary types: 16 of 367 are evaluated for an Asterisk CDR head.
 *
 * <p>The anchors are read from the table Tika itself loaded ({@code tika-mimetypes.xml} in
 * tika-core), and a pattern's is proved against Tika before it is trusted: the pattern as read,
 * placed at its offset, must match by Tika's own {@link MagicDetector}, and must not match once its
 * first byte is changed. A type gets anchors only when every top-level match of every one of its
 * magics has one (they are alternatives: one without an anchor could match anywhere); a match whose
 * mask hides its first byte, an expression that could match nothing, or a pattern that fails the
 * proof leaves its type without anchors, and its magic is evaluated for every head as before. A
 * type that a custom table on the class path names is left without anchors too.
 */
final class MagicAnchors {

  private static final String TABLE = "/org/apache/tika/mime/tika-mimetypes.xml";
  private static final String CUSTOM_TABLE = "/org/apache/tika/mime/custom-mimetypes.xml";

  /**
   * What a match needs where it may start (an offset from {@code from} to {@code to}): one of the
   * bytes of {@code first}, a set of 256 bits.
   */
  record Anchor(int from, int to, long[] first) {

    static Anchor of(int from, int to, Set<Integer> bytes) {
      long[] first = new long[4];
      bytes.forEach(b -> first[b >>> 6] |= 1L << (b & 63));
      return new Anchor(from, to, first);
    }

    boolean allows(int b) {
      return (first[b >>> 6] & (1L << (b & 63))) != 0;
    }

    boolean holds(byte[] data, int length) {
      int last = Math.min(to, length - 1);
      for (int offset = from; offset <= last; offset++) {
        if (allows(data[offset] & 0xFF)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Anchor a
          && a.from == from
          && a.to == to
          && Arrays.equals(a.first, first);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * from + to) + Arrays.hashCode(first);
    }

    @Override
    public String toString() {
      StringBuilder bytes = new StringBuilder();
      for (int b = 0; b < 256; b++) {
        if (allows(b)) {
          bytes.append(bytes.isEmpty() ? "" : " ").append(String.format("%02x", b));
        }
      }
      return "Anchor[" + from + ".." + to + ": " + bytes + "]";
    }
  }

  private final Map<String, List<Anchor>> byType;

  private MagicAnchors(Map<String, List<Anchor>> byType) {
    this.byType = byType;
  }

  /** The anchors of Tika's default table. */
  static MagicAnchors ofDefaultTable() {
    try (InputStream table = MimeTypes.class.getResourceAsStream(TABLE);
        InputStream custom = MimeTypes.class.getResourceAsStream(CUSTOM_TABLE)) {
      if (table == null) {
        return new MagicAnchors(Map.of());
      }
      Map<String, List<Anchor>> byType = read(table);
      if (custom != null) {
        typesWithMagic(custom).forEach(byType::remove);
      }
      return new MagicAnchors(byType);
    } catch (IOException e) {
      throw new UncheckedIOException("Reading Tika's type table failed", e);
    }
  }

  /**
   * The anchors of a type (by its canonical name), any one of which a head must hold for the type's
   * magic to match; empty when nothing is known of where its magic matches.
   */
  Optional<List<Anchor>> of(String typeName) {
    MediaType type = MediaType.parse(typeName);
    return type == null ? Optional.empty() : Optional.ofNullable(byType.get(type.toString()));
  }

  static boolean anyHolds(List<Anchor> anchors, byte[] data, int length) {
    for (Anchor anchor : anchors) {
      if (anchor.holds(data, length)) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, List<Anchor>> read(InputStream table) {
    Map<String, List<Anchor>> byType = new HashMap<>();
    Set<String> unanchored = new HashSet<>();
    for (Element type : children(parse(table).getDocumentElement(), "mime-type")) {
      MediaType mediaType = MediaType.parse(type.getAttribute("type"));
      List<Element> magics = children(type, "magic");
      if (mediaType == null || magics.isEmpty()) {
        continue;
      }
      String name = mediaType.toString(); // as MimeType names it ("a/b; version=1")
      List<Anchor> anchors = new ArrayList<>();
      boolean anchored = true;
      for (Element magic : magics) {
        List<Element> matches = children(magic, "match");
        anchored &= !matches.isEmpty();
        for (Element match : matches) {
          Optional<Anchor> anchor = anchor(mediaType, match);
          anchored &= anchor.isPresent();
          anchor.ifPresent(anchors::add);
        }
      }
      if (anchored && !unanchored.contains(name)) {
        byType.merge(name, anchors, MagicAnchors::concat);
      } else {
        unanchored.add(name);
        byType.remove(name);
      }
    }
    return byType;
  }

  private static Set<String> typesWithMagic(InputStream table) {
    Set<String> names = new HashSet<>();
    for (Element type : children(parse(table).getDocumentElement(), "mime-type")) {
      MediaType mediaType = MediaType.parse(type.getAttribute("type"));
      if (mediaType != null && !children(type, "magic").isEmpty()) {
        names.add(mediaType.toString());
      }
    }
    return names;
  }

  /** The anchor of one match, if it has one and Tika confirms it. */
  static Optional<Anchor> anchor(MediaType mediaType, Element match) {
    String type = match.hasAttribute("type") ? match.getAttribute("type") : "string";
    String offsetText = match.hasAttribute("offset") ? match.getAttribute("offset") : "0";
    String value = match.getAttribute("value");
    String maskText = match.hasAttribute("mask") ? match.getAttribute("mask") : null;
    if (value.isEmpty()) {
      return Optional.empty();
    }
    int from;
    int to;
    try {
      String[] range = offsetText.split(":", 2);
      from = Integer.parseInt(range[0].trim());
      to = range.length == 2 ? Integer.parseInt(range[1].trim()) : from;
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (from < 0 || to < from || to > ContentSniffer.HEAD_SIZE) {
      return Optional.empty();
    }
    if ("regex".equals(type)) {
      return regexAnchor(mediaType, offsetText, value, maskText, from, to);
    }
    boolean ignoreCase = "stringignorecase".equals(type);
    List<byte[]> patterns = patterns(type, value);
    List<byte[]> masks = maskText == null ? null : patterns(type, maskText);
    for (int i = 0; i < patterns.size(); i++) {
      byte[] pattern = patterns.get(i);
      byte mask = masks == null ? (byte) 0xFF : masks.size() > i ? first(masks.get(i)) : 0;
      if (pattern.length == 0 || mask == 0 || (ignoreCase && mask != (byte) 0xFF)) {
        continue;
      }
      if (confirmed(mediaType, type, offsetText, value, maskText, from, pattern, mask)) {
        Set<Integer> bytes = new HashSet<>();
        int kept = mask & 0xFF;
        for (int b = 0; b < 256; b++) {
          if ((b & kept) == (pattern[0] & kept)) {
            bytes.add(b);
          }
        }
        char c = (char) (pattern[0] & 0xFF);
        if (ignoreCase && c < 0x80 && Character.isLetter(c)) {
          bytes.add((int) Character.toLowerCase(c));
          bytes.add((int) Character.toUpperCase(c));
        }
        return Optional.of(Anchor.of(from, to, bytes));
      }
    }
    return Optional.empty();
  }

  /**
   * The anchor of a regular expression: the bytes a match can start with, asked of the expression
   * itself, as Tika compiles it and reads a head (one character per byte), for each byte: a match
   * starting with it is found, or the expression read the byte and wanted more ({@link
   * Matcher#hitEnd()}); any other byte fails the expression where the match would start. An
   * expression that can match nothing at all allows every byte, and is not worth an anchor.
   */
  private static Optional<Anchor> regexAnchor(
      MediaType mediaType, String offsetText, String value, String maskText, int from, int to) {
    if (maskText != null) {
      return Optional.empty();
    }
    Pattern regex;
    try {
      regex = Pattern.compile(new String(decodeString(value), StandardCharsets.UTF_8));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
    Set<Integer> bytes = new HashSet<>();
    for (int b = 0; b < 256; b++) {
      Matcher matcher = regex.matcher(String.valueOf((char) b));
      if (matcher.lookingAt() || matcher.hitEnd()) {
        bytes.add(b);
      }
    }
    if (bytes.size() == 256) {
      return Optional.empty();
    }
    try { // and Tika reads it as an expression too
      MagicDetector.parse(mediaType, "regex", offsetText, value, null);
    } catch (RuntimeException refused) {
      return Optional.empty();
    }
    return Optional.of(Anchor.of(from, to, bytes));
  }

  private static byte first(byte[] bytes) {
    return bytes.length == 0 ? 0 : bytes[0];
  }

  /** The byte patterns a value may stand for (the two orders of a host-order number). */
  private static List<byte[]> patterns(String type, String value) {
    try {
      return switch (type) {
        case "string", "stringignorecase" -> List.of(decodeString(value));
        case "byte" -> List.of(number(value, 1, true));
        case "big16" -> List.of(number(value, 2, true));
        case "little16" -> List.of(number(value, 2, false));
        case "big32" -> List.of(number(value, 4, true));
        case "little32" -> List.of(number(value, 4, false));
        case "host16" -> List.of(number(value, 2, true), number(value, 2, false));
        case "host32" -> List.of(number(value, 4, true), number(value, 4, false));
        default -> List.of(); // regex, unicodeLE and anything new: no anchor
      };
    } catch (RuntimeException unreadable) {
      return List.of(); // Tika's proof would have refused it anyway
    }
  }

  /**
   * Tika matches the pattern placed where the match may first start, and not once a bit of its
   * first byte that the mask keeps is changed: so that byte is what the match needs.
   */
  private static boolean confirmed(
      MediaType mediaType,
      String type,
      String offsetText,
      String value,
      String maskText,
      int from,
      byte[] pattern,
      byte mask) {
    MagicDetector detector;
    try {
      detector = MagicDetector.parse(mediaType, type, offsetText, value, maskText);
    } catch (RuntimeException refused) {
      return false;
    }
    byte[] probe = new byte[from + pattern.length];
    System.arraycopy(pattern, 0, probe, from, pattern.length);
    if (!matches(detector, probe, mediaType)) {
      return false;
    }
    probe[from] ^= (byte) Integer.highestOneBit(mask & 0xFF); // not the byte, nor its other case
    return !matches(detector, probe, mediaType);
  }

  private static boolean matches(MagicDetector detector, byte[] probe, MediaType mediaType) {
    try (InputStream in = new ByteArrayInputStream(probe)) {
      return mediaType.equals(detector.detect(in, new Metadata()));
    } catch (IOException e) {
      throw new UncheckedIOException("Reading an in-memory stream failed", e);
    }
  }

  /**
   * A string value as Tika reads its table: {@code 0x} and hex digits, or text with the escapes
   * {@code \\}, {@code \xNN}, {@code \r}, {@code \n} and octal numbers.
   */
  static byte[] decodeString(String value) {
    if (value.startsWith("0x")) {
      byte[] bytes = new byte[(value.length() - 2) / 2];
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) Integer.parseInt(value.substring(2 + 2 * i, 4 + 2 * i), 16);
      }
      return bytes;
    }
    ByteArrayOutputStream decoded = new ByteArrayOutputStream();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != '\\' || i + 1 == value.length()) {
        decoded.write(c);
        continue;
      }
      char next = value.charAt(i + 1);
      switch (next) {
        case '\\' -> {
          decoded.write('\\');
          i++;
        }
        case 'x' -> {
          decoded.write(Integer.parseInt(value.substring(i + 2, i + 4), 16));
          i += 3;
        }
        case 'r' -> {
          decoded.write('\r');
          i++;
        }
        case 'n' -> {
          decoded.write('\n');
          i++;
        }
        default -> {
          // Tika reads up to three digits after it as an octal number; none reads as a NUL, and
          // the character after the backslash is then read as itself
          int end = i + 1;
          while (end < i + 4 && end < value.length() && Character.isDigit(value.charAt(end))) {
            end++;
          }
          decoded.write(Short.decode("0" + value.substring(i + 1, end)).byteValue());
          i = end - 1;
        }
      }
    }
    return decoded.toByteArray();
  }

  private static byte[] number(String value, int size, boolean bigEndian) {
    long n = Long.decode(value.trim());
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      int shift = 8 * (bigEndian ? size - 1 - i : i);
      bytes[i] = (byte) (n >>> shift);
    }
    return bytes;
  }

  private static List<Anchor> concat(List<Anchor> a, List<Anchor> b) {
    List<Anchor> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static org.w3c.dom.Document parse(InputStream table) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      return factory.newDocumentBuilder().parse(table);
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new IllegalStateException("Tika's type table cannot be read", e);
    }
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> children = new ArrayList<>();
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element && name.equals(element.getTagName())) {
        children.add(element);
      }
    }
    return children;
  }
}
