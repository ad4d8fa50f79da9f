/**
 * Parse jobs as stored: state machine, step breakdown and outcome. Entities never leave the EJB
 * module; the API speaks in view records.
 */
package io.fileparser.jobs.entity;
