package io.fileparser.upload;

import io.fileparser.workflow.WorkflowOptions;

/**
 * What a client may ask for with an upload. {@code priority} runs 0 (lowest) to 9 (most urgent);
 * {@code templateVersion} (only with a {@code templateId}) pins a published version instead of the
 * template's current one; {@code metadata} is a JSON object the web module has already validated
 * and compacted; {@code queuePriority} is an admin's override of the computed queue priority
 * (kombu's 0 = first); {@code workflow} names the jobs the new job waits for and the instant it may
 * start at.
 */
public record UploadOptions(
    int priority,
    String templateId,
    String metadata,
    Integer queuePriority,
    Integer templateVersion,
    WorkflowOptions workflow) {

  public static final int DEFAULT_PRIORITY = 5;

  public UploadOptions {
    if (priority < 0 || priority > 9) {
      throw new IllegalArgumentException("priority out of range");
    }
    if (queuePriority != null && (queuePriority < 0 || queuePriority > 9)) {
      throw new IllegalArgumentException("queue priority out of range");
    }
    if (templateVersion != null && templateId == null) {
      throw new IllegalArgumentException("a template version without a template");
    }
    workflow = workflow == null ? WorkflowOptions.NONE : workflow;
  }

  public UploadOptions(
      int priority,
      String templateId,
      String metadata,
      Integer queuePriority,
      Integer templateVersion) {
    this(priority, templateId, metadata, queuePriority, templateVersion, WorkflowOptions.NONE);
  }

  public UploadOptions(int priority, String templateId, String metadata, Integer queuePriority) {
    this(priority, templateId, metadata, queuePriority, null, WorkflowOptions.NONE);
  }

  public UploadOptions(int priority, String templateId, String metadata) {
    this(priority, templateId, metadata, null, null, WorkflowOptions.NONE);
  }
}
