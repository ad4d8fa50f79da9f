package io.fileparser.upload.validation;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;

/**
 * Finds the JavaScript and Launch actions of a PDF in every place a viewer runs them from: the
 * document-level JavaScript name tree, the open action, the document's, pages', annotations' and
 * form fields' additional actions ({@code /AA}), annotation and bookmark actions ({@code /A}), and
 * the {@code /Next} chains that follow any of these. It works on the COS objects rather than
 * PDFBox's typed model, which drops entries it does not expect. Each object is visited once, so
 * cyclic references in a hostile file cannot loop.
 */
final class ActiveContent {

  private static final COSName JAVA_SCRIPT = COSName.getPDFName(PDActionJavaScript.SUB_TYPE);
  private static final COSName LAUNCH = COSName.getPDFName(PDActionLaunch.SUB_TYPE);

  /** Enough places to tell the user where to look; a file may repeat one action on every page. */
  private static final int MAX_PLACES = 10;

  private final Set<COSBase> visited = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<String> places = new LinkedHashSet<>();
  private boolean javaScript;
  private boolean launch;

  private ActiveContent() {}

  /** Searches the whole document. */
  static ActiveContent of(PDDocument document) {
    ActiveContent found = new ActiveContent();
    COSDictionary catalog = document.getDocumentCatalog().getCOSObject();
    found.scanNameTree(catalog);
    COSBase open = resolve(catalog.getDictionaryObject(COSName.OPEN_ACTION));
    if (open instanceof COSDictionary) {
      // An array here is a destination (a page to show), not an action.
      found.scanAction(open, "the open action");
    }
    found.scanAdditional(catalog, "the document's additional actions");
    int number = 0;
    for (PDPage page : document.getPages()) {
      number++;
      found.scanPage(page.getCOSObject(), number);
    }
    found.scanFields(catalog.getCOSDictionary(COSName.ACRO_FORM));
    found.scanOutline(catalog.getCOSDictionary(COSName.OUTLINES));
    return found;
  }

  boolean hasJavaScript() {
    return javaScript;
  }

  boolean hasLaunchAction() {
    return launch;
  }

  /** Where the actions were found, e.g. "JavaScript in an annotation on page 2". */
  List<String> places() {
    return List.copyOf(places);
  }

  private void scanNameTree(COSDictionary catalog) {
    COSDictionary names = catalog.getCOSDictionary(COSName.NAMES);
    if (names == null) {
      return;
    }
    COSDictionary tree = names.getCOSDictionary(COSName.JAVA_SCRIPT);
    if (tree != null && (hasEntries(tree, COSName.NAMES) || hasEntries(tree, COSName.KIDS))) {
      javaScript = true;
      note("JavaScript in the document-level name tree (/Names /JavaScript)");
    }
  }

  private void scanPage(COSDictionary page, int number) {
    scanAdditional(page, "page " + number);
    COSArray annotations = page.getCOSArray(COSName.ANNOTS);
    if (annotations == null) {
      return;
    }
    for (int i = 0; i < annotations.size(); i++) {
      if (annotations.getObject(i) instanceof COSDictionary annotation) {
        String where = "an annotation on page " + number;
        scanAction(annotation.getDictionaryObject(COSName.A), where);
        scanAdditional(annotation, where);
      }
    }
  }

  private void scanFields(COSDictionary form) {
    if (form == null) {
      return;
    }
    Deque<COSBase> pending = new ArrayDeque<>();
    addAll(pending, form.getCOSArray(COSName.FIELDS));
    while (!pending.isEmpty()) {
      if (resolve(pending.pop()) instanceof COSDictionary field && visited.add(field)) {
        scanAction(field.getDictionaryObject(COSName.A), "a form field");
        scanAdditional(field, "a form field");
        addAll(pending, field.getCOSArray(COSName.KIDS));
      }
    }
  }

  private void scanOutline(COSDictionary outline) {
    if (outline == null) {
      return;
    }
    Deque<COSBase> pending = new ArrayDeque<>();
    pushIfPresent(pending, outline.getDictionaryObject(COSName.FIRST));
    while (!pending.isEmpty()) {
      if (resolve(pending.pop()) instanceof COSDictionary item && visited.add(item)) {
        scanAction(item.getDictionaryObject(COSName.A), "a bookmark");
        pushIfPresent(pending, item.getDictionaryObject(COSName.NEXT));
        pushIfPresent(pending, item.getDictionaryObject(COSName.FIRST));
      }
    }
  }

  /** The entries of an {@code /AA} dictionary are actions keyed by trigger (open, close, ...). */
  private void scanAdditional(COSDictionary owner, String where) {
    COSDictionary additional = owner.getCOSDictionary(COSName.AA);
    if (additional == null) {
      return;
    }
    for (COSName trigger : additional.keySet()) {
      scanAction(additional.getDictionaryObject(trigger), where);
    }
  }

  /** An action, or an array of them as in {@code /Next}, with everything chained after it. */
  private void scanAction(COSBase action, String where) {
    if (action == null) {
      return;
    }
    Deque<COSBase> pending = new ArrayDeque<>();
    pending.push(action);
    while (!pending.isEmpty()) {
      COSBase base = resolve(pending.pop());
      if (base instanceof COSArray array) {
        addAll(pending, array);
      } else if (base instanceof COSDictionary dictionary && visited.add(dictionary)) {
        COSName type = dictionary.getCOSName(COSName.S);
        if (JAVA_SCRIPT.equals(type)) {
          javaScript = true;
          note("JavaScript in " + where);
        } else if (LAUNCH.equals(type)) {
          launch = true;
          note("a Launch action in " + where);
        }
        pushIfPresent(pending, dictionary.getDictionaryObject(COSName.NEXT));
      }
    }
  }

  private void note(String place) {
    if (places.size() < MAX_PLACES) {
      places.add(place);
    }
  }

  private static void addAll(Deque<COSBase> pending, COSArray array) {
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        pushIfPresent(pending, array.get(i));
      }
    }
  }

  private static void pushIfPresent(Deque<COSBase> pending, COSBase base) {
    if (base != null) {
      pending.push(base);
    }
  }

  private static boolean hasEntries(COSDictionary tree, COSName key) {
    COSArray array = tree.getCOSArray(key);
    return array != null && array.size() > 0;
  }

  private static COSBase resolve(COSBase base) {
    return base instanceof COSObject reference ? reference.getObject() : base;
  }
}
