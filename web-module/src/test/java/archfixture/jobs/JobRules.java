package archfixture.jobs;

import archfixture.upload.Uploads;

/** Fixture: a lower floor (jobs) that reaches up into a higher one (upload), closing a cycle. */
public class JobRules {
  public int uploads(Uploads uploads) {
    return uploads.count();
  }
}
