package io.fileparser.notifications;

/** The server's VAPID public key, for a browser's push subscription. */
public record VapidPublicKey(String publicKey) {}
