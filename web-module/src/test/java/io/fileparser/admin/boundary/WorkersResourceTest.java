package io.fileparser.admin.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fileparser.security.Role;
import io.fileparser.security.boundary.AllowedRoles;
import jakarta.annotation.security.PermitAll;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** The fleet view serves every tenant's work, so only the platform operator may see it. */
class WorkersResourceTest {

  @Test
  void onlyTheOperatorMaySeeTheWorkers() {
    AllowedRoles allowed = WorkersResource.class.getAnnotation(AllowedRoles.class);

    assertNotNull(allowed);
    assertArrayEquals(new String[] {Role.OPERATOR}, allowed.value());
  }

  @Test
  void noMethodWidensTheClassRule() {
    for (Method method : WorkersResource.class.getDeclaredMethods()) {
      assertNull(method.getAnnotation(AllowedRoles.class), method::toString);
      assertNull(method.getAnnotation(PermitAll.class), method::toString);
    }
  }
}
