/**
 * Back-tests in PostgreSQL: one row per back-test of a draft template version, its state and the
 * workers' comparison as jsonb. Entities only; the rules live in the backtests capability.
 */
package io.fileparser.backtests.entity;
