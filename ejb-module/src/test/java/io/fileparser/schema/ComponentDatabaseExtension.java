package io.fileparser.schema;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a {@link ComponentDatabase} to test constructors and methods. The database is built the
 * first time a test asks for it and kept in the root context's store, so all test classes of a run
 * share it; JUnit closes it when the run ends.
 */
public final class ComponentDatabaseExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ComponentDatabaseExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ComponentDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            ComponentDatabase.class,
            key -> {
              ComponentDatabase database = ComponentDatabase.create();
              System.out.println(
                  "component database " + ComponentDatabase.NAME + ": " + database.startup());
              return database;
            },
            ComponentDatabase.class);
  }
}
