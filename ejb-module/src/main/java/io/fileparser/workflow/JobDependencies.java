package io.fileparser.workflow;

import io.fileparser.jobs.JobChangeListener;
import io.fileparser.jobs.JobEvents;
import io.fileparser.jobs.JobLocks;
import io.fileparser.jobs.entity.DependencyPolicy;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobChanged;
import io.fileparser.jobs.entity.JobDependency;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.security.Caller;
import jakarta.ejb.Local;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The jobs a job waits for: named at its creation, released (or failed) when they finish.
 *
 * <p>No release is ever missed, whichever of a dependency's finish and a dependent's creation
 * commits first, on one instance or several: the creation reads each dependency's row {@code FOR
 * SHARE}, and the finish locks it {@code FOR UPDATE} before it looks for dependents. Either the
 * finish waits for the creation to commit and then finds the new dependent, or the creation waits
 * for the finish to commit and then reads the dependency as finished. A dependency is never waited
 * for once it has finished: the state it finished in is written at once.
 *
 * <p>No cycle can arise: a dependency must exist (and belong to the tenant) when the dependent is
 * created, and a job's dependencies never change after, so every dependency is older than its
 * dependent. For the same reason a job cannot depend on itself (its id is not known before).
 */
@Stateless
@Local(JobChangeListener.class)
@LocalBean
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class JobDependencies implements JobChangeListener {

  @PersistenceContext EntityManager em;
  @Inject JobEvents events;
  @Inject WorkflowSettings settings;

  /**
   * Refuses dependencies the caller may not name, before anything is stored: too many, or ids that
   * are not jobs of the caller's tenant (unknown and foreign ids answer alike).
   */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public void check(Caller caller, List<UUID> dependsOn) {
    if (dependsOn.size() > settings.maxDependencies()) {
      throw new ProblemException(
          ProblemType.TOO_MANY_DEPENDENCIES,
          "a job may depend on at most "
              + settings.maxDependencies()
              + " jobs; this one names "
              + dependsOn.size(),
          Map.of("maxDependencies", settings.maxDependencies()));
    }
    states(caller, dependsOn, false);
  }

  /**
   * Names the new job's dependencies, each with the terminal state it is in already (read under a
   * share lock, see the class comment), before the job is admitted.
   */
  public void attach(Caller caller, Job job, WorkflowOptions options) {
    if (options.scheduleAt() != null) {
      job.scheduleAt(options.scheduleAt());
    }
    if (options.dependsOn().isEmpty()) {
      return;
    }
    check(caller, options.dependsOn());
    Map<UUID, JobState> states = states(caller, options.dependsOn(), true);
    List<JobDependency> named = new ArrayList<>();
    for (UUID id : options.dependsOn()) {
      JobState state = states.get(id);
      named.add(new JobDependency(id, state.isTerminal() ? state : null));
    }
    job.dependOn(
        named,
        options.onDependencyFailure() == WorkflowOptions.OnDependencyFailure.CONTINUE
            ? DependencyPolicy.CONTINUE
            : DependencyPolicy.FAIL);
  }

  /**
   * A job reached a terminal state from a live one: each job still waiting for it learns how it
   * finished, in this transaction (a dependent failed in turn tells its own dependents the same
   * way). A job deleted after it finished was settled when it finished.
   */
  @Override
  public void onChanges(List<JobChanged> changes) {
    for (JobChanged change : changes) {
      onChanged(change);
    }
  }

  void onChanged(JobChanged change) {
    if (change.to() == null
        || !change.to().isTerminal()
        || (change.from() != null && change.from().isTerminal())) {
      return;
    }
    // Serialises with a dependent's creation that reads this row FOR SHARE (see above).
    em.createNativeQuery("select id from jobs where id = ?1 for update")
        .setParameter(1, change.jobId())
        .getResultList();
    @SuppressWarnings("unchecked")
    List<UUID> dependents =
        em.createNativeQuery(
                "select job_id from job_dependencies where depends_on_job_id = ?1"
                    + " and outcome is null order by job_id",
                UUID.class)
            .setParameter(1, change.jobId())
            .getResultList();
    for (UUID dependent : dependents) {
      JobLocks.lock(em, dependent)
          .ifPresent(
              job -> {
                if (job.dependencyFinished(change.jobId(), change.to(), change.at())) {
                  events.publish(job);
                }
              });
    }
  }

  /**
   * The states of the named jobs, all of the caller's tenant (else {@code dependency_not_found}).
   */
  private Map<UUID, JobState> states(Caller caller, List<UUID> ids, boolean lock) {
    Map<UUID, JobState> states = new HashMap<>();
    if (ids.isEmpty()) {
      return states;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select id, state from jobs where id in (?1) and tenant_id = ?2 order by id"
                    + (lock ? " for share" : ""))
            .setParameter(1, ids)
            .setParameter(2, caller.tenantId())
            .getResultList();
    for (Object[] row : rows) {
      states.put((UUID) row[0], JobState.valueOf((String) row[1]));
    }
    List<String> unknown =
        ids.stream().filter(id -> !states.containsKey(id)).map(UUID::toString).toList();
    if (!unknown.isEmpty()) {
      throw new ProblemException(
          ProblemType.DEPENDENCY_NOT_FOUND,
          "dependsOn names no job of yours with the id " + String.join(", ", unknown),
          Map.of("unknownJobIds", unknown));
    }
    return states;
  }
}
