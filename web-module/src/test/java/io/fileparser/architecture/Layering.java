package io.fileparser.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The layering of the code base as rules, for any root package (the real one, and a fixture that
 * proves the rules catch what they should).
 *
 * <p>Business capabilities stand on floors; a capability may use its own packages and the
 * capabilities on lower floors, never one on its own floor or above. The web tier (every {@code
 * ..boundary} package and {@code api}) stands above them all and is used by none of them.
 */
final class Layering {

  /** Floor by floor, lowest first. */
  static final List<Set<String>> FLOORS =
      List.of(
          // leaves: the error vocabulary, scheduling, tenant ids, the Redis connection, migrations,
          // which addresses outbound calls may reach, the application's own measurements
          Set.of("problem", "scheduling", "tenancy", "broker", "schema", "egress", "telemetry"),
          // services of their own: the audit trail, the object store, the virus scanner
          Set.of("audit", "storage", "scan"),
          // who may do what; the stored file
          Set.of("security", "files"),
          // how often a principal may call: a bucket per principal and endpoint class in Redis,
          // sized by the tenant's tier
          Set.of("ratelimit"),
          // the job aggregate, its history and reads
          Set.of("jobs"),
          // what each tenant used, for billing: counted in the transactions of the capabilities
          // above (uploads, deletions, webhook attempts), job outcomes observed from jobs
          Set.of("usage"),
          // templates and their versions: below dispatch (the workers receive them) and upload
          // (a job pins one)
          Set.of("templates"),
          // acting on jobs on people's requests: retry, delete, bulk operations (a retry may pin a
          // template version; dispatch observes the changes, never the other way round)
          Set.of("jobcontrol"),
          // jobs that wait before the queue: for the jobs they depend on, for their instant (upload
          // names them; dispatch observes a release like any queueing, never the other way round)
          Set.of("workflow"),
          // sending work to the workers; pushing job events to subscribers
          Set.of("dispatch", "events"),
          // people mapping the columns of jobs no template fits: sends its own tasks through
          // dispatch, tells dispatch the mapping approved for a job (ApprovedMappings), saves
          // approved mappings as templates; what the workers report (progress) reads it
          Set.of("mapping"),
          // back-tests of draft template versions: reads templates and the jobs they read, sends
          // its task through dispatch
          Set.of("backtests"),
          // telling each caller what concerns it: on a floor of its own, so that the capabilities
          // above (progress, webhooks, ...) may fire its hook events (WebhookEndpointDisabled)
          Set.of("notifications"),
          // following what the workers report; posting job events to webhook endpoints
          Set.of("progress", "webhooks"),
          // the upload pipeline, which registers files and creates jobs
          Set.of("upload"),
          // resumable (tus) uploads, which hand complete files to the upload pipeline
          Set.of("resumable"),
          // looking at everything: health probes, admin, the queue's administration (reads the
          // outbox and jobs, pauses through dispatch, re-queues and purges through jobcontrol),
          // the operator's tenant administration (changes what security, ratelimit and upload
          // read; kicks dispatch when a tenant is enabled again)
          Set.of("health", "admin", "queue", "tenants"),
          // watching the whole: job events counted, the backlog sampled into gauges (read through
          // the queue's overview), the dashboard summary
          Set.of("monitoring"));

  private final String root;

  Layering(String root) {
    this.root = root;
  }

  /** No cycle between any two packages. */
  ArchRule noPackageCycles() {
    return slices().matching(root + ".(**)").should().beFreeOfCycles();
  }

  /** No cycle between capabilities; check it on {@link #business} classes. */
  ArchRule noCapabilityCycles() {
    return slices().matching(root + ".(*)..").should().beFreeOfCycles();
  }

  /** The classes below the web tier (the web tier stands above every capability). */
  JavaClasses business(JavaClasses classes) {
    return classes.that(DescribedPredicate.not(webTierClass()));
  }

  /** Lower floors never use higher ones, nor neighbours on their own floor. */
  ArchRule floors() {
    return ArchRuleDefinition.classes()
        .that()
        .resideInAPackage(root + "..")
        .and(DescribedPredicate.not(webTierClass()))
        .should(useOnlyLowerFloors())
        .allowEmptyShould(false);
  }

  /** Entities never leave the EJB module: nothing in the web tier touches an entity package. */
  ArchRule webNeverUsesEntities() {
    return ArchRuleDefinition.noClasses()
        .that(webTierClass())
        .should()
        .dependOnClassesThat()
        .resideInAPackage(root + "..entity..")
        .allowEmptyShould(true);
  }

  /** The persistence jar stands alone: entities use only entities. */
  ArchRule entitiesUseOnlyEntities() {
    return ArchRuleDefinition.noClasses()
        .that()
        .resideInAPackage(root + "..entity..")
        .should()
        .dependOnClassesThat(
            DescribedPredicate.describe(
                "are of " + root + " outside an entity package",
                (JavaClass c) ->
                    c.getPackageName().startsWith(root + ".")
                        && !c.getPackageName().contains(".entity")))
        .allowEmptyShould(true);
  }

  /** The EJB module and persistence never use the web tier. */
  ArchRule businessNeverUsesWeb() {
    return ArchRuleDefinition.noClasses()
        .that()
        .resideInAPackage(root + "..")
        .and(DescribedPredicate.not(webTierClass()))
        .should()
        .dependOnClassesThat(webTierClass())
        .allowEmptyShould(true);
  }

  private DescribedPredicate<JavaClass> webTierClass() {
    return DescribedPredicate.describe(
        "are in the web tier", (JavaClass c) -> isWebTier(c.getPackageName()));
  }

  private boolean isWebTier(String pkg) {
    return pkg.endsWith(".boundary")
        || pkg.contains(".boundary.")
        || pkg.equals(root + ".api")
        || pkg.startsWith(root + ".api.");
  }

  private ArchCondition<JavaClass> useOnlyLowerFloors() {
    return new ArchCondition<>("use only their own capability and lower floors") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Optional<String> from = capability(origin.getPackageName());
        if (from.isEmpty()) {
          return;
        }
        int floor = floorOf(from.get(), origin);
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          String pkg = dependency.getTargetClass().getPackageName();
          Optional<String> to = capability(pkg);
          if (to.isEmpty() || to.get().equals(from.get()) || isWebTier(pkg)) {
            continue;
          }
          int target = floorOf(to.get(), dependency.getTargetClass());
          if (target >= floor) {
            events.add(
                SimpleConditionEvent.violated(
                    dependency,
                    from.get()
                        + " (floor "
                        + floor
                        + ") uses "
                        + to.get()
                        + " (floor "
                        + target
                        + "): "
                        + dependency.getDescription()));
          }
        }
      }
    };
  }

  private Optional<String> capability(String pkg) {
    if (!pkg.startsWith(root + ".")) {
      return Optional.empty();
    }
    String rest = pkg.substring(root.length() + 1);
    int dot = rest.indexOf('.');
    return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
  }

  private static int floorOf(String capability, JavaClass where) {
    for (int i = 0; i < FLOORS.size(); i++) {
      if (FLOORS.get(i).contains(capability)) {
        return i;
      }
    }
    throw new AssertionError(
        "capability '"
            + capability
            + "' (of "
            + where.getName()
            + ") has no floor: add it to Layering.FLOORS and give it a package-info.java");
  }
}
