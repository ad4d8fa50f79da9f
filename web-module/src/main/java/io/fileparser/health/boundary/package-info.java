/** MicroProfile Health checks (served at /health/live and /health/ready). */
package io.fileparser.health.boundary;
