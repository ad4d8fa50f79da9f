package io.fileparser.templates;

/** A template list's row was written or found in a transaction; known once that commits. */
public record TemplateSetKept(String setKey) {}
