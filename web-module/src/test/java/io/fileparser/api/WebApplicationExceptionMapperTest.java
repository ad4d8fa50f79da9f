package io.fileparser.api;

import static io.fileparser.api.NamesNoCode.assertNamesNoCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebApplicationExceptionMapperTest {

  private final WebApplicationExceptionMapper mapper = new WebApplicationExceptionMapper();

  @Test
  void saysWhatTheStatusMeansNotWhatTheExceptionSays() {
    IllegalArgumentException cause =
        new IllegalArgumentException("java.lang.IllegalArgumentException: Invalid UUID string: x");

    Map<String, Object> problem =
        body(mapper.toResponse(new BadRequestException("class java.util.UUID: " + cause, cause)));

    assertEquals(400, problem.get("status"));
    assertEquals("the request is malformed", problem.get("detail"));
  }

  @Test
  void keepsTheStatusAndHeadersOfTheRefusal() {
    Response response =
        mapper.toResponse(new NotAllowedException("GET", new String[] {"POST", "DELETE"}));

    assertEquals(405, response.getStatus());
    assertTrue(response.getHeaderString("Allow").contains("POST"), response::toString);
    assertEquals("this path does not answer to this method", body(response).get("detail"));
  }

  @Test
  void unsupportedBodyAndUnacceptableAnswerAreExplained() {
    assertEquals(
        "this path does not accept a body of this Content-Type",
        body(mapper.toResponse(new NotSupportedException())).get("detail"));
    assertEquals(
        "this path cannot answer in any media type the Accept header allows",
        body(mapper.toResponse(new NotAcceptableException())).get("detail"));
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 500, 503})
  void noStatusNamesCode(int status) {
    WebApplicationException e =
        new WebApplicationException(
            "org.glassfish.jersey.server.ParamException$PathParamException: java.lang.Foo", status);

    Response response = mapper.toResponse(e);

    assertNamesNoCode(body(response).get("detail"));
    assertEquals(status, response.getStatus());
  }

  @Test
  void aClientErrorWithoutAWordingOfItsOwnStillHasADetail() {
    Response response = mapper.toResponse(new WebApplicationException("java.lang.Boom", 409));

    assertEquals("the request was refused (409 Conflict)", body(response).get("detail"));
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 411, 414, 416, 417, 431, 501})
  void theStatusMemberIsTheStatusAnsweredEvenWithoutATypeOfItsOwn(int status) {
    Response response = mapper.toResponse(new WebApplicationException(status));

    assertEquals(status, response.getStatus());
    assertEquals(status, body(response).get("status"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Response response) {
    return (Map<String, Object>) response.getEntity();
  }
}
