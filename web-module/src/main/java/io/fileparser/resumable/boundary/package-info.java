/**
 * The tus 1.0 protocol at {@code /upload/stream}: its headers read and written, its methods mapped
 * to the resumable upload service. Never decides an upload rule (the services do) and never touches
 * an entity.
 */
package io.fileparser.resumable.boundary;
