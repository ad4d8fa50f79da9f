package archfixture.upload;

import archfixture.jobs.JobRules;

/** Fixture: the upper floor using the lower one, as it may. */
public class Uploads {
  public int count() {
    return new JobRules().hashCode();
  }
}
