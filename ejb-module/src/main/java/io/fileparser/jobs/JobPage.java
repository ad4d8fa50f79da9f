package io.fileparser.jobs;

import java.util.List;

/**
 * One page of the job list; {@code next} is the cursor of the following page, or null; {@code
 * total} the number of jobs the filter selects on every page, when asked for, else null.
 */
public record JobPage(List<JobView> items, String next, Long total) {}
