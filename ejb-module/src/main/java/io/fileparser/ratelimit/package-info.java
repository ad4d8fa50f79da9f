/**
 * Rate limits per principal and endpoint class, held in Redis so that they hold across every
 * instance of the application: a GCRA bucket per principal and class, taken in one atomic script.
 * Owns the policies per tenant tier; never decides who the caller is (the web module tells it).
 */
package io.fileparser.ratelimit;
