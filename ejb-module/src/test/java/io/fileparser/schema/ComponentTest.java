package io.fileparser.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class of the component tier: EJB classes run against a real, migrated PostgreSQL
 * database (a {@link ComponentDatabase} parameter). Tagged {@code component}, so a machine without
 * PostgreSQL can leave the tier out with {@code -DexcludedGroups=component}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("component")
@ExtendWith(ComponentDatabaseExtension.class)
public @interface ComponentTest {}
