package io.fileparser.monitoring;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Alerts, newest first. */
@Schema(name = "AlertList")
public record AlertList(List<AlertView> items) {}
