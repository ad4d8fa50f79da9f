package io.fileparser.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * OpenAPI schemas of the records the API answers with, derived from their components by reflection,
 * as {@link ObjectMapperResolver}'s mapper writes them.
 *
 * <p>Why not Payara's scanner: it reads only the WAR's classes, and the views live in the EJB
 * module, so it documents them as bare objects (and a schema given in annotations gets default
 * members such as {@code maxProperties: 0} that contradict it). Deriving the schemas from the same
 * records Jackson writes keeps the document from drifting from the answers.
 *
 * <p>The mapping: {@code java.time} values are ISO-8601 strings (dates are not written as
 * timestamps); {@code @JsonRawValue} strings (the annotation lands on the accessor) are the JSON
 * object they hold; nulls are left out, so only primitive components are required. A record is
 * named by MicroProfile's {@code @Schema(name)} when it has one, else by its simple name; two
 * records of one name are refused.
 */
final class RecordSchemas {

  private static final String REF_PREFIX = "#/components/schemas/";

  private final Map<String, Schema> schemas = new TreeMap<>();
  private final Map<String, Class<?>> named = new TreeMap<>();

  /** A reference to the schema of {@code type}, adding it (and the records it holds) if new. */
  Schema ref(Class<? extends Record> type) {
    String name = name(type);
    Class<?> seen = named.putIfAbsent(name, type);
    if (seen == null) {
      schemas.put(name, OASFactory.createSchema()); // placeholder: a record may hold itself
      schemas.put(name, describe(type));
    } else if (seen != type) {
      throw new IllegalStateException(
          "two records are documented as " + name + ": " + seen.getName() + ", " + type.getName());
    }
    return OASFactory.createSchema().ref(REF_PREFIX + name);
  }

  /** Every schema referenced so far, by name. */
  Map<String, Schema> all() {
    return schemas;
  }

  private Schema describe(Class<? extends Record> type) {
    Schema schema = OASFactory.createSchema().type(SchemaType.OBJECT);
    List<String> required = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      Schema property =
          component.getAccessor().isAnnotationPresent(JsonRawValue.class)
              ? OASFactory.createSchema()
                  .type(SchemaType.OBJECT)
                  .additionalPropertiesBoolean(Boolean.TRUE)
              : of(component.getGenericType());
      schema.addProperty(component.getName(), property);
      if (component.getType().isPrimitive()) {
        required.add(component.getName());
      }
    }
    if (!required.isEmpty()) {
      schema.required(required);
    }
    return schema;
  }

  @SuppressWarnings("unchecked")
  private Schema of(Type type) {
    if (type instanceof ParameterizedType generic) {
      Class<?> raw = (Class<?>) generic.getRawType();
      Type[] arguments = generic.getActualTypeArguments();
      if (Collection.class.isAssignableFrom(raw)) {
        return OASFactory.createSchema().type(SchemaType.ARRAY).items(of(arguments[0]));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return arguments[1] == Object.class
            ? freeForm()
            : OASFactory.createSchema()
                .type(SchemaType.OBJECT)
                .additionalPropertiesSchema(of(arguments[1]));
      }
      throw unsupported(type);
    }
    if (!(type instanceof Class<?> plain)) {
      throw unsupported(type);
    }
    if (plain.isRecord()) {
      return ref((Class<? extends Record>) plain);
    }
    if (plain.isEnum()) {
      List<Object> values = new ArrayList<>();
      for (Object constant : plain.getEnumConstants()) {
        values.add(((Enum<?>) constant).name());
      }
      return string(null).enumeration(values);
    }
    if (plain == String.class) {
      return string(null);
    }
    if (plain == UUID.class) {
      return string("uuid");
    }
    if (plain == Instant.class || plain == OffsetDateTime.class) {
      return string("date-time");
    }
    if (plain == LocalDate.class) {
      return string("date");
    }
    if (plain == int.class || plain == Integer.class || plain == short.class) {
      return OASFactory.createSchema().type(SchemaType.INTEGER).format("int32");
    }
    if (plain == long.class || plain == Long.class) {
      return OASFactory.createSchema().type(SchemaType.INTEGER).format("int64");
    }
    if (plain == double.class || plain == Double.class) {
      return OASFactory.createSchema().type(SchemaType.NUMBER).format("double");
    }
    if (plain == boolean.class || plain == Boolean.class) {
      return OASFactory.createSchema().type(SchemaType.BOOLEAN);
    }
    if (plain == Object.class) {
      return freeForm();
    }
    throw unsupported(type);
  }

  private static Schema string(String format) {
    Schema schema = OASFactory.createSchema().type(SchemaType.STRING);
    return format == null ? schema : schema.format(format);
  }

  private static Schema freeForm() {
    return OASFactory.createSchema().type(SchemaType.OBJECT).additionalPropertiesBoolean(true);
  }

  private static String name(Class<?> type) {
    org.eclipse.microprofile.openapi.annotations.media.Schema named =
        type.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
    return named != null && !named.name().isEmpty() ? named.name() : type.getSimpleName();
  }

  private static IllegalStateException unsupported(Type type) {
    return new IllegalStateException("no OpenAPI schema for " + type.getTypeName());
  }
}
