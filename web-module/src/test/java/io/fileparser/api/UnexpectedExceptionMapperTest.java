package io.fileparser.api;

import static io.fileparser.api.NamesNoCode.assertNamesNoCode;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ejb.EJBException;
import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnexpectedExceptionMapperTest {

  private final UnexpectedExceptionMapper mapper = new UnexpectedExceptionMapper();

  @Test
  void aValueTheDatabaseRefusesAsDataIsTheClientsError() {
    Throwable failure =
        new EJBException(
            new PersistenceException(
                "could not execute statement",
                new SQLException("ERROR: timestamp out of range: \"169104628-12-10\"", "22008")));

    Response response = mapper.toResponse(failure);

    assertEquals(400, response.getStatus());
    assertEquals("invalid_request", body(response).get("code"));
    assertNamesNoCode(body(response).get("detail"));
  }

  @Test
  void aConstraintViolationOfTheDatabaseIsStillOurFailure() {
    Response response =
        mapper.toResponse(new PersistenceException(new SQLException("duplicate key", "23505")));

    assertEquals(500, response.getStatus());
    assertEquals("internal_error", body(response).get("code"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(Response response) {
    return (Map<String, Object>) response.getEntity();
  }
}
