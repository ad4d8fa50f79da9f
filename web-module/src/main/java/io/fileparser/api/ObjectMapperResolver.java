package io.fileparser.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The one JSON mapper of the API: ISO-8601 times, no nulls, strict on unknown input fields and on
 * anything after the body's one JSON value ({@code {"name":"x"} garbage} is malformed, not a key
 * named x): a body is one document, and a reader that stopped early would let a client smuggle
 * content past every check. A field named twice is malformed too: parsers disagree on which one
 * wins ({@code "roles":["viewer"],"roles":["owner"]} is a viewer to one and an owner to another).
 */
@Provider
public class ObjectMapperResolver implements ContextResolver<ObjectMapper> {

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return MAPPER;
  }

  /** For the few places outside JAX-RS (the error servlet, metadata validation). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
