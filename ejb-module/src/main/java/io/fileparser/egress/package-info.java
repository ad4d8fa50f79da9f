/**
 * Where outbound calls may go: which addresses are public. A leaf: imports no other capability,
 * makes no call itself.
 */
package io.fileparser.egress;
