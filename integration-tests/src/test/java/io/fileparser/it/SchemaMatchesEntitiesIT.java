package io.fileparser.it;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import io.fileparser.audit.entity.AuditRecord;
import io.fileparser.files.entity.StoredFile;
import io.fileparser.jobs.entity.Job;
import io.fileparser.security.entity.ApiKey;
import io.fileparser.security.entity.Tenant;
import io.fileparser.upload.entity.IdempotencyRecord;
import java.util.Map;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.engine.config.spi.ConfigurationService;
import org.hibernate.tool.schema.internal.ExceptionHandlerHaltImpl;
import org.hibernate.tool.schema.spi.ContributableMatcher;
import org.hibernate.tool.schema.spi.ExecutionOptions;
import org.hibernate.tool.schema.spi.SchemaManagementTool;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.junit.jupiter.api.Test;

/**
 * The schema Flyway migrated (the deployed application migrates at start) is the one the JPA
 * entities expect: every table, column and column type. Hibernate never creates the schema, so a
 * drift would otherwise only show as a failing query in production.
 */
class SchemaMatchesEntitiesIT {

  @Test
  void migratedSchemaMatchesTheEntities() {
    StandardServiceRegistry registry =
        new StandardServiceRegistryBuilder()
            .applySetting(AvailableSettings.JAKARTA_JDBC_URL, TestEnvironment.jdbcUrl())
            .applySetting(AvailableSettings.JAKARTA_JDBC_USER, "postgres")
            .applySetting(AvailableSettings.JAKARTA_JDBC_PASSWORD, "")
            .applySetting(AvailableSettings.DIALECT, PostgreSQLDialect.class.getName())
            .applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
            .applySetting(AvailableSettings.JDBC_TIME_ZONE, "UTC")
            .applySetting(AvailableSettings.XML_MAPPING_ENABLED, false)
            .build();
    try {
      Metadata metadata =
          new MetadataSources(registry)
              .addAnnotatedClass(Tenant.class)
              .addAnnotatedClass(ApiKey.class)
              .addAnnotatedClass(StoredFile.class)
              .addAnnotatedClass(IdempotencyRecord.class)
              .addAnnotatedClass(Job.class)
              .addAnnotatedClass(AuditRecord.class)
              .addAnnotatedClass(io.fileparser.templates.entity.Template.class)
              .addAnnotatedClass(io.fileparser.templates.entity.TemplateVersion.class)
              .addAnnotatedClass(io.fileparser.jobcontrol.entity.BulkOperation.class)
              .addAnnotatedClass(io.fileparser.jobcontrol.entity.BulkItem.class)
              .buildMetadata();

      // What hibernate.hbm2ddl.auto=validate does at boot (the hbm2ddl tool class is not in core).
      Map<String, Object> settings =
          registry.requireService(ConfigurationService.class).getSettings();
      ExecutionOptions options =
          SchemaManagementToolCoordinator.buildExecutionOptions(
              settings, ExceptionHandlerHaltImpl.INSTANCE);
      assertDoesNotThrow(
          () ->
              registry
                  .requireService(SchemaManagementTool.class)
                  .getSchemaValidator(settings)
                  .doValidation(metadata, options, ContributableMatcher.ALL));
    } finally {
      StandardServiceRegistryBuilder.destroy(registry);
    }
  }
}
