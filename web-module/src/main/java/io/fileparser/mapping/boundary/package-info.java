/** The HTTP face of manual mapping ({@code /mapping}): thin resources over the mapping EJBs. */
package io.fileparser.mapping.boundary;
