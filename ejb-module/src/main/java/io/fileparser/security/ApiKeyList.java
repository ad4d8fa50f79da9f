package io.fileparser.security;

import java.util.List;

/** The tenant's API keys as the API lists them. */
public record ApiKeyList(List<ApiKeyView> items) {}
