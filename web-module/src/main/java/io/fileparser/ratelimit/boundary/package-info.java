/**
 * Applies the rate limits to every authenticated API request and tells the client where it stands
 * ({@code RateLimit-Policy}, {@code RateLimit}; 429 with {@code Retry-After} when it is over).
 * Never counts a request the caller was refused before (401, 403).
 */
package io.fileparser.ratelimit.boundary;
