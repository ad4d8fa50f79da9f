/**
 * Probes of the application's dependencies for the MicroProfile Health checks. May look at any
 * capability; none depends on it.
 */
package io.fileparser.health;
