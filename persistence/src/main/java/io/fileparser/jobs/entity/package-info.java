/**
 * The job aggregate as stored: the state machine ({@code JobState}), the {@code Job} whose commands
 * are the only way to change one, its embedded attempt, progress, outcome and failure, its step
 * breakdown, the {@code JobChanged} events it records and the history rows they become. Uses only
 * other entity packages (the stored file); entities never leave the EJB module.
 */
package io.fileparser.jobs.entity;
