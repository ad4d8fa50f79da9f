/**
 * The error vocabulary shared by every capability: {@link io.fileparser.problem.ProblemType} and
 * the exception base that carries it. Knows nothing of HTTP beyond the status number. A leaf.
 */
package io.fileparser.problem;
