package io.fileparser.upload.detection;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypeException;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * A type's anchors are needed by its magic: whatever head Tika's magic of a type matches holds one
 * of the type's anchors. Checked on heads built from every match of Tika's table (its pattern at
 * its offset), on the detection corpus, and on the binaries and archives of this machine.
 */
class MagicAnchorsTest {

  private static final MimeTypes MIME_TYPES = MimeTypes.getDefaultMimeTypes();
  private static final MagicAnchors ANCHORS = MagicAnchors.ofDefaultTable();
  private static final int WINDOW = 8 * 1024;

  @Test
  void mostTypesThatAreNotTextHaveAnchors() {
    List<MimeType> binary = nonTextTypesWithMagic();
    long anchored = binary.stream().filter(t -> ANCHORS.of(t.getName()).isPresent()).count();
    // Tika 3.2.3: 354 of 367 (not: Ogg's media, whose masks hide their first byte, and three
    // that Tika's table matches over thousands of offsets); fewer means the table or its reading
    // changed
    assertTrue(anchored >= 350, anchored + " of " + binary.size() + " types have anchors");
  }

  @Test
  void aMatchOfTikasTableAlwaysHoldsAnAnchorOfItsType() throws Exception {
    int heads = 0;
    for (byte[] head : headsFromTheTable()) {
      assertAnchorsHold(head, "a head built from the table");
      heads++;
    }
    assertTrue(heads > 500, heads + " heads");
  }

  @Test
  void realFilesMatchOnlyWhereAnAnchorHolds() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> corpus = Files.list(Path.of("../corpus/detection"))) {
      corpus.forEach(files::add);
    }
    for (String dir : List.of("/usr/bin", "/usr/lib/jvm", "/usr/share/doc", "/usr/share/pixmaps")) {
      if (Files.isDirectory(Path.of(dir))) {
        try (Stream<Path> found = Files.walk(Path.of(dir), 4)) {
          found.filter(Files::isRegularFile).sorted().limit(400).forEach(files::add);
        }
      }
    }
    int matched = 0;
    for (Path file : files) {
      byte[] head = head(file);
      if (head != null) {
        matched += assertAnchorsHold(head, file.toString());
      }
    }
    assertTrue(files.size() > 20, files.size() + " files");
    assertTrue(matched > 0 || files.size() < 100, "some binary type recognised");
  }

  @Test
  void textHoldsTheAnchorsOfFewTypes() {
    byte[] csv =
        ("\"\",\"1001\",\"2001\",\"from-internal\",\"\"\"Alice\"\" <1001>\",\"SIP/1001-0001\","
                + "\"SIP/2001-0002\",\"Dial\",\"SIP/2001\",\"2026-01-05 10:00:00\"\n")
            .repeat(40)
            .getBytes(ISO_8859_1);
    long checked =
        nonTextTypesWithMagic().stream()
            .filter(
                t ->
                    ANCHORS
                        .of(t.getName())
                        .map(a -> MagicAnchors.anyHolds(a, csv, csv.length))
                        .orElse(true))
            .count();
    assertTrue(checked < 30, checked + " of 367 types still evaluated for a CSV head");
  }

  @Test
  void stringValuesAreReadAsTikasTableWritesThem() {
    assertArrayEquals(new byte[] {'%', 'P', 'D', 'F'}, MagicAnchors.decodeString("%PDF"));
    assertArrayEquals(new byte[] {(byte) 0x89, 'P'}, MagicAnchors.decodeString("\\x89P"));
    assertArrayEquals(new byte[] {0, 1, 'a'}, MagicAnchors.decodeString("\\000\\001a"));
    assertArrayEquals(new byte[] {'\r', '\n', '\\'}, MagicAnchors.decodeString("\\r\\n\\\\"));
    assertArrayEquals(new byte[] {(byte) 0xCA, (byte) 0xFE}, MagicAnchors.decodeString("0xcafe"));
    // another escape reads as a NUL, then the character itself (as Tika reads it)
    assertArrayEquals(new byte[] {'a', 0, ' ', 'b'}, MagicAnchors.decodeString("a\\ b"));
  }

  @Test
  void anAnchorIsTheFirstByteOfAMatchWhereItMayStartInTheBitsItsMaskKeeps() {
    MediaType type = MediaType.application("x-test");
    assertEquals(anchor(4, 4, 'a'), MagicAnchors.anchor(type, match("string", "4", "ab", null)));
    assertEquals(
        anchor(0, 64, 'a'), MagicAnchors.anchor(type, match("string", "0:64", "ab", null)));
    assertEquals(
        anchor(0, 0, 'a', 'A'),
        MagicAnchors.anchor(type, match("stringignorecase", "0", "ab", null)));
    assertEquals(
        anchor(2, 2, 0xCA), MagicAnchors.anchor(type, match("big32", "2", "0xcafebabe", null)));
    assertEquals(
        anchor(0, 0, 0xBE), MagicAnchors.anchor(type, match("little32", "0", "0xcafebabe", null)));
    assertEquals(
        anchor(
            0, 0, 0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC,
            0xFD, 0xFE, 0xFF),
        MagicAnchors.anchor(type, match("string", "0", "\\xfa\\x01", "0xf0ff")));
    // a regular expression: the bytes it can start with, asked of it
    assertEquals(
        anchor(0, 0, 'P'), MagicAnchors.anchor(type, match("regex", "0", "P[1-6]\\s", null)));
    assertEquals(
        anchor(0, 8, 0x0D, 0x00),
        MagicAnchors.anchor(type, match("regex", "0:8", "(?:\\x0D|\\x00{1,4})x", null)));
    // a first byte the mask ignores, an expression that may match nothing: nothing known
    assertEquals(Optional.empty(), MagicAnchors.anchor(type, match("string", "0", "ab", "0x00ff")));
    assertEquals(Optional.empty(), MagicAnchors.anchor(type, match("regex", "0", "a*b?", null)));

    MagicAnchors.Anchor masked = anchor(1, 2, 0xF0, 0xF7).orElseThrow();
    assertTrue(masked.holds(new byte[] {0, 0, (byte) 0xF7}, 3));
    assertTrue(!masked.holds(new byte[] {0, 0, (byte) 0xE7}, 3));
    assertTrue(!masked.holds(new byte[] {(byte) 0xF0, 0, 0, (byte) 0xF0}, 4), "outside its range");
  }

  private static Optional<MagicAnchors.Anchor> anchor(int from, int to, int... bytes) {
    Set<Integer> set = new HashSet<>();
    for (int b : bytes) {
      set.add(b);
    }
    return Optional.of(MagicAnchors.Anchor.of(from, to, set));
  }

  /** Asserts that every type whose magic matches the head has an anchor there; how many did. */
  private static int assertAnchorsHold(byte[] head, String what) {
    int matched = 0;
    for (MimeType type : nonTextTypesWithMagic()) {
      Optional<List<MagicAnchors.Anchor>> anchors = ANCHORS.of(type.getName());
      if (anchors.isPresent() && type.matchesMagic(head)) {
        matched++;
        assertTrue(
            MagicAnchors.anyHolds(anchors.get(), head, head.length),
            type.getName() + " matches " + what + " where none of its anchors holds");
      }
    }
    return matched;
  }

  /**
   * For each string match of the table, nested ones too: its pattern at its (first) offset, in
   * zeros and in random bytes.
   */
  private static List<byte[]> headsFromTheTable() throws Exception {
    List<byte[]> heads = new ArrayList<>();
    Random random = new Random(11);
    try (InputStream table =
        MimeTypes.class.getResourceAsStream("/org/apache/tika/mime/tika-mimetypes.xml")) {
      Element root =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(table)
              .getDocumentElement();
      for (Element match : descendants(root, "match")) {
        String type = match.hasAttribute("type") ? match.getAttribute("type") : "string";
        String offset = match.hasAttribute("offset") ? match.getAttribute("offset") : "0";
        if (!type.startsWith("string")) {
          continue;
        }
        byte[] pattern;
        try {
          pattern = MagicAnchors.decodeString(match.getAttribute("value"));
        } catch (RuntimeException unreadable) {
          continue;
        }
        int start = Integer.parseInt(offset.split(":")[0].trim());
        if (start + pattern.length > WINDOW) {
          continue;
        }
        byte[] zeros = new byte[WINDOW];
        System.arraycopy(pattern, 0, zeros, start, pattern.length);
        heads.add(zeros);
        byte[] noise = new byte[WINDOW];
        random.nextBytes(noise);
        System.arraycopy(pattern, 0, noise, start, pattern.length);
        heads.add(noise);
      }
    }
    return heads;
  }

  private static List<Element> descendants(Element root, String name) {
    List<Element> found = new ArrayList<>();
    for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element element) {
        if (name.equals(element.getTagName())) {
          found.add(element);
        } else {
          found.addAll(descendants(element, name));
        }
      }
    }
    return found;
  }

  private static Element match(String type, String offset, String value, String mask) {
    try {
      Element match =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .newDocument()
              .createElement("m");
      match.setAttribute("type", type);
      match.setAttribute("offset", offset);
      match.setAttribute("value", value);
      if (mask != null) {
        match.setAttribute("mask", mask);
      }
      return match;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] head(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(MIME_TYPES.getMinLength());
      return head.length == 0 ? null : head;
    } catch (IOException | SecurityException unreadable) {
      return null;
    }
  }

  private static List<MimeType> nonTextTypesWithMagic() {
    MediaTypeRegistry registry = MIME_TYPES.getMediaTypeRegistry();
    List<MimeType> types = new ArrayList<>();
    for (MediaType type : registry.getTypes()) {
      try {
        MimeType mimeType = MIME_TYPES.getRegisteredMimeType(type.toString());
        if (mimeType != null
            && mimeType.hasMagic()
            && !registry.isInstanceOf(type, MediaType.TEXT_PLAIN)
            && !types.contains(mimeType)) {
          types.add(mimeType);
        }
      } catch (MimeTypeException e) {
        // not a name Tika parses
      }
    }
    return types;
  }
}
