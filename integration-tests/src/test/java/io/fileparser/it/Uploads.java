package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;

/** Successful uploads, for tests that need jobs to exist. */
final class Uploads {

  private Uploads() {}

  static ApiResponse multipart(String token, Multipart form) {
    return Api.post("/upload").bearer(token).multipart(form).send();
  }

  /** Uploads one file as a member of {@code tenant} and returns the created job. */
  static JsonNode create(String tenant, String filename, byte[] content) {
    return created(multipart(Tokens.of(tenant, "member"), Multipart.file(filename, content)));
  }

  static JsonNode created(ApiResponse response) {
    assertEquals(201, response.status(), () -> "upload answered " + response);
    return response.json();
  }
}
