package io.fileparser.security;

/** The answer to creating a key: the only time the secret is ever shown. */
public record CreatedApiKey(ApiKeyView key, String secret) {}
