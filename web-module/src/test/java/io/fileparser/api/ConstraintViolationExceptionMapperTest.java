package io.fileparser.api;

import static io.fileparser.api.NamesNoCode.assertNamesNoCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fileparser.api.ConstraintViolationExceptionMapper.Violation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstraintViolationExceptionMapperTest {

  @Test
  void aPropertyOfTheRequestBodyIsNamedAlone() {
    assertEquals(
        "name",
        ConstraintViolationExceptionMapper.field(
            path(
                node("create", ElementKind.METHOD),
                node("request", ElementKind.PARAMETER),
                node("name", ElementKind.PROPERTY))));
  }

  @Test
  void containerElementsAreWrittenAsTheClientWouldAddressThem() {
    assertEquals(
        "roles[]",
        ConstraintViolationExceptionMapper.field(
            path(
                node("create", ElementKind.METHOD),
                node("request", ElementKind.PARAMETER),
                node("roles", ElementKind.PROPERTY),
                element("<iterable element>", null))));
    assertEquals(
        "items[2].label",
        ConstraintViolationExceptionMapper.field(
            path(
                node("create", ElementKind.METHOD),
                node("request", ElementKind.PARAMETER),
                node("items", ElementKind.PROPERTY),
                new Node("label", ElementKind.PROPERTY, true, 2))));
  }

  @Test
  void aConstrainedParameterIsNamedAsTheParameter() {
    assertEquals(
        "limit",
        ConstraintViolationExceptionMapper.field(
            path(node("list", ElementKind.METHOD), node("limit", ElementKind.PARAMETER))));
    assertEquals(
        "body",
        ConstraintViolationExceptionMapper.field(
            path(node("list", ElementKind.METHOD), node("arg0", ElementKind.PARAMETER))));
  }

  @Test
  void detailNamesTheFirstViolationsInWords() {
    List<Violation> violations =
        List.of(
            new Violation("name", "must not be blank"),
            new Violation("roles", "size must be between 0 and 5"));

    String detail = ConstraintViolationExceptionMapper.detail(violations);

    assertEquals(
        "the field 'name' must not be blank; the field 'roles' size must be between 0 and 5",
        detail);
    assertNamesNoCode(detail);
  }

  @Test
  void detailCountsWhatItDoesNotSpellOut() {
    List<Violation> violations =
        List.of(
            new Violation("a", "must not be null"),
            new Violation("b", "must not be null"),
            new Violation("c", "must not be null"),
            new Violation("d", "must not be null"),
            new Violation("e", "must not be null"));

    assertEquals(
        "the field 'a' must not be null; the field 'b' must not be null; the field 'c' must not"
            + " be null; and 2 more",
        ConstraintViolationExceptionMapper.detail(violations));
  }

  private static Node node(String name, ElementKind kind) {
    return new Node(name, kind, false, null);
  }

  private static Node element(String name, Integer index) {
    return new Node(name, ElementKind.CONTAINER_ELEMENT, true, index);
  }

  private static Path path(Node... nodes) {
    List<Path.Node> list = List.of(nodes);
    return new Path() {
      @Override
      public Iterator<Path.Node> iterator() {
        return list.iterator();
      }

      @Override
      public String toString() {
        return list.toString();
      }
    };
  }

  /** A path node as Bean Validation reports it, with what {@code field} reads. */
  private record Node(String name, ElementKind kind, boolean inIterable, Integer index)
      implements Path.Node {

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isInIterable() {
      return inIterable;
    }

    @Override
    public Integer getIndex() {
      return index;
    }

    @Override
    public Object getKey() {
      return null;
    }

    @Override
    public ElementKind getKind() {
      return kind;
    }

    @Override
    public <T extends Path.Node> T as(Class<T> nodeType) {
      return nodeType.cast(this);
    }
  }
}
