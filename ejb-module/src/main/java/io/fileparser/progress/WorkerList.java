package io.fileparser.progress;

import java.util.List;

/** The parse workers as the API lists them. */
public record WorkerList(List<WorkerRegistry.WorkerView> items) {}
