/** The persisted progress history of jobs, in the order it happened. */
package io.fileparser.progress.entity;
