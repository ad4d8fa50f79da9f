package io.fileparser.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who may call a resource method, and that every resource method says so. */
class RoleCheckTest {

  @AllowedRoles({"viewer", "member"})
  static class Declared {
    public void byClass() {}

    @AllowedRoles("admin")
    public void byMethod() {}
  }

  static class Undeclared {
    public void none() {}
  }

  @Test
  void theMethodsDeclarationReplacesItsClasss() throws Exception {
    RoleCheck.Rule byClass = RoleCheck.Rule.of(Declared.class.getMethod("byClass"), Declared.class);
    RoleCheck.Rule byMethod =
        RoleCheck.Rule.of(Declared.class.getMethod("byMethod"), Declared.class);

    assertEquals(List.of("viewer", "member"), byClass.roles());
    assertEquals(List.of("admin"), byMethod.roles());
    assertNull(RoleCheck.Rule.of(Undeclared.class.getMethod("none"), Undeclared.class));
  }

  @Test
  void anyOneRoleAllowsNoneForbidsAndNoLoginIsUnauthenticated() {
    RoleCheck.Rule rule = new RoleCheck.Rule(List.of("viewer", "member"));

    assertEquals(RoleCheck.Decision.ALLOWED, rule.decide(Set.of("member")));
    assertEquals(RoleCheck.Decision.ALLOWED, rule.decide(Set.of("operator", "viewer")));
    assertEquals(RoleCheck.Decision.FORBIDDEN, rule.decide(Set.of("admin")));
    assertEquals(RoleCheck.Decision.FORBIDDEN, rule.decide(Set.of()));
    assertEquals(RoleCheck.Decision.UNAUTHENTICATED, rule.decide(null));
  }

  /**
   * Every resource method of the API declares who may call it, and none with {@code RolesAllowed}:
   * Payara would enforce that one again with its own per-request filter (see {@link AllowedRoles}),
   * and a method declaring nothing would be open to every caller with credentials.
   */
  @Test
  void everyResourceMethodDeclaresItsRolesWithAllowedRoles() {
    List<String> undeclared = new ArrayList<>();
    List<String> standard = new ArrayList<>();
    for (JavaClass type :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.fileparser")) {
      if (!type.isAnnotatedWith(Path.class)) {
        continue;
      }
      if (type.isAnnotatedWith(RolesAllowed.class)) {
        standard.add(type.getName());
      }
      for (JavaMethod method : type.getMethods()) {
        if (!isResourceMethod(method)) {
          continue;
        }
        if (method.isAnnotatedWith(RolesAllowed.class)) {
          standard.add(method.getFullName());
        }
        if (!method.isAnnotatedWith(AllowedRoles.class)
            && !type.isAnnotatedWith(AllowedRoles.class)) {
          undeclared.add(method.getFullName());
        }
      }
    }
    assertTrue(undeclared.isEmpty(), () -> "no @AllowedRoles: " + undeclared);
    assertTrue(standard.isEmpty(), () -> "@RolesAllowed instead of @AllowedRoles: " + standard);
  }

  private static boolean isResourceMethod(JavaMethod method) {
    return method.isAnnotatedWith(GET.class)
        || method.isAnnotatedWith(POST.class)
        || method.isAnnotatedWith(PUT.class)
        || method.isAnnotatedWith(DELETE.class)
        || method.isAnnotatedWith(PATCH.class)
        || method.isAnnotatedWith(HEAD.class)
        || method.isAnnotatedWith(OPTIONS.class)
        || method.isAnnotatedWith(Path.class);
  }
}
