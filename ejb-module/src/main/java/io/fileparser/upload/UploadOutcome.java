package io.fileparser.upload;

import io.fileparser.jobs.JobView;

/** The job an upload produced, and whether it is a replay of an earlier identical request. */
public record UploadOutcome(JobView job, boolean replayed) {}
