/**
 * Templates in PostgreSQL: the template (tenant or system, its current published version) and its
 * immutable versions, each one JSON document. Entities only; the document rules, publishing and
 * diffs live in the templates capability of the EJB module.
 */
package io.fileparser.templates.entity;
