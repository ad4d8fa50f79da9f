package io.fileparser.tenants;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of tenants in id order; {@code next} is the following page's cursor, or null. */
@Schema(name = "TenantPage")
public record TenantPage(List<TenantView> items, String next) {}
