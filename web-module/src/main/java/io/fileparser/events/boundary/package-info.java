/**
 * Job events to clients, live: the WebSocket endpoint {@code /api/parser/websocket} with its
 * tickets, and the SSE streams {@code /api/parser/progress}. Transports only: what is sent, in what
 * order and when a client is too slow is decided by {@code io.fileparser.events}.
 */
package io.fileparser.events.boundary;
