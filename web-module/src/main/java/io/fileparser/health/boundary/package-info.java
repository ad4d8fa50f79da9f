/**
 * MicroProfile Health checks (served at /health/live and /health/ready). Web tier; never touches an
 * entity.
 */
package io.fileparser.health.boundary;
