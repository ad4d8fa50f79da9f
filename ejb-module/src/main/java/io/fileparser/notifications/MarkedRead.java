package io.fileparser.notifications;

/** How many notifications were marked read. */
public record MarkedRead(int marked) {}
