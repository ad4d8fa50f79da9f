package io.fileparser.security.boundary;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The roles that may call a REST resource method, declared on the resource class or on the method
 * (the method's declaration replaces its class's), enforced by {@link RoleCheck}.
 *
 * <p>Why not {@code @RolesAllowed}: on a JAX-RS resource Payara's MicroProfile JWT integration
 * enforces that annotation with a filter of its own, which looks the caller up again through the
 * security context on every request (a reflective parse of the subject that asks the class loader
 * for absent JBoss classes); it was the largest single cost of a status read. Payara's switch to
 * turn that filter off ({@code jaxrs-roles-allowed-enabled}) is not honoured for a web module
 * inside an EAR (payara/Payara#3581), so the resources declare their roles with this annotation,
 * which that filter does not see.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AllowedRoles {

  /** The roles, any one of which allows the call. */
  String[] value();
}
