package io.fileparser.security;

/**
 * An API key was revoked (or otherwise changed after its creation): every instance must read keys
 * afresh from the next request on ({@link KnownApiKeys}).
 */
public record ApiKeysChanged(String keyPrefix) {}
