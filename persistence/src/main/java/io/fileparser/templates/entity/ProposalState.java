package io.fileparser.templates.entity;

/**
 * A discovered layout's proposal: {@code DISCOVERED} until an admin decides; {@code APPROVED} made
 * a template of it; {@code REJECTED} keeps its fingerprint from being proposed again.
 */
public enum ProposalState {
  DISCOVERED,
  APPROVED,
  REJECTED
}
