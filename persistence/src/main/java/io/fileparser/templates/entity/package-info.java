/**
 * Templates in PostgreSQL: the template (tenant or system, its current published version), its
 * immutable versions, each one JSON document, and the proposals of discovered layouts. Entities
 * only; the document rules, publishing, diffs and discovery live in the templates capability of the
 * EJB module.
 */
package io.fileparser.templates.entity;
