package archfixture.jobs.entity;

import archfixture.jobs.JobRules;

/** Fixture: an entity that uses a business class. */
public class JobRow {
  public JobRules rules() {
    return new JobRules();
  }
}
