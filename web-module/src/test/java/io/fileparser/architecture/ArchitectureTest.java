package io.fileparser.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of {@code io.fileparser} (persistence, EJB and web modules together, as the web
 * module's test class path has them), and proof on a fixture that each rule fails when broken.
 */
class ArchitectureTest {

  private static final Layering OURS = new Layering("io.fileparser");
  private static final Layering FIXTURE = new Layering("archfixture");

  private static JavaClasses code;
  private static JavaClasses fixture;

  @BeforeAll
  static void importClasses() {
    code =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.fileparser");
    fixture = new ClassFileImporter().importPackages("archfixture");
  }

  @Test
  void noPackageDependsOnAnotherInACycle() {
    OURS.noPackageCycles().check(code);
  }

  @Test
  void noCapabilityDependsOnAnotherInACycle() {
    OURS.noCapabilityCycles().check(OURS.business(code));
  }

  @Test
  void lowerFloorsNeverUseHigherOnes() {
    OURS.floors().check(code);
  }

  @Test
  void theWebTierNeverTouchesAnEntity() {
    OURS.webNeverUsesEntities().check(code);
  }

  @Test
  void persistenceNeverUsesTheEjbModule() {
    OURS.entitiesUseOnlyEntities().check(code);
  }

  @Test
  void businessCodeNeverUsesTheWebTier() {
    OURS.businessNeverUsesWeb().check(code);
  }

  @Test
  void everyPackageSaysWhatItOwnsAndWhatItMustNotUse() throws IOException {
    List<String> missing = new ArrayList<>();
    for (String module : List.of("persistence", "ejb-module", "web-module")) {
      Path sources = Path.of("..", module, "src", "main", "java");
      try (Stream<Path> dirs = Files.walk(sources)) {
        dirs.filter(Files::isDirectory)
            .filter(ArchitectureTest::holdsJavaSources)
            .filter(dir -> !Files.exists(dir.resolve("package-info.java")))
            .forEach(dir -> missing.add(sources.relativize(dir).toString()));
      }
    }
    assertEquals(List.of(), missing, "packages without a package-info.java");
  }

  private static boolean holdsJavaSources(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".java"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aCycleFailsTheBuild() {
    assertThrows(AssertionError.class, () -> FIXTURE.noPackageCycles().check(fixture));
    assertThrows(
        AssertionError.class, () -> FIXTURE.noCapabilityCycles().check(FIXTURE.business(fixture)));
  }

  @Test
  void anUpwardImportFailsTheBuild() {
    assertThrows(AssertionError.class, () -> FIXTURE.floors().check(fixture));
  }

  @Test
  void anEntityInTheWebTierFailsTheBuild() {
    assertThrows(AssertionError.class, () -> FIXTURE.webNeverUsesEntities().check(fixture));
  }

  @Test
  void anEntityUsingBusinessCodeFailsTheBuild() {
    assertThrows(AssertionError.class, () -> FIXTURE.entitiesUseOnlyEntities().check(fixture));
  }
}
