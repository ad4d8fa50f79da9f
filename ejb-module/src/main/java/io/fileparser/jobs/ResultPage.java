package io.fileparser.jobs;

import java.util.List;

/**
 * One page of a job's parsed records: each record is one JSON object as the worker wrote it, {@code
 * fields} names the columns in order, {@code next} is the cursor of the next page or null.
 */
public record ResultPage(List<String> records, List<String> fields, String next) {}
