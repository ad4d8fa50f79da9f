/** Probes of the application's dependencies for the MicroProfile Health checks. */
package io.fileparser.health;
