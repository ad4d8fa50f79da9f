package archfixture.jobs.boundary;

import archfixture.jobs.entity.JobRow;

/** Fixture: a web class that hands out an entity. */
public class JobsEndpoint {
  public JobRow row() {
    return new JobRow();
  }
}
