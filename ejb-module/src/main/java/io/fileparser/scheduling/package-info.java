/**
 * Running work inside the server on its own threads: on a schedule (the base of every startup
 * singleton that does something periodically), or side by side in ordered lanes ({@link
 * io.fileparser.scheduling.Lanes}). A leaf: imports nothing of ours and knows nothing of what is
 * run.
 */
package io.fileparser.scheduling;
