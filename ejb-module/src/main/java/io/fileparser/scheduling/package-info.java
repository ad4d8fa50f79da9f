/**
 * Running work on a schedule inside the server: the base of every startup singleton that does
 * something periodically. A leaf: imports nothing of ours and knows nothing of what is scheduled.
 */
package io.fileparser.scheduling;
