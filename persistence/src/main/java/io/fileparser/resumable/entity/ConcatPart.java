package io.fileparser.resumable.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.UUID;

/**
 * A partial upload's place in a final upload (tus concatenation). Keyed by the partial: a partial
 * is consumed by one final upload only.
 */
@Entity
@Table(name = "resumable_concat_parts")
@NamedQuery(
    name = ConcatPart.OF_FINAL,
    query = "select p from ConcatPart p where p.finalId = :finalId order by p.position")
public class ConcatPart {

  public static final String OF_FINAL = "ConcatPart.ofFinal";

  @Id
  @Column(name = "partial_id")
  private UUID partialId;

  @Column(name = "final_id", nullable = false, updatable = false)
  private UUID finalId;

  @Column(nullable = false, updatable = false)
  private int position;

  protected ConcatPart() {}

  public ConcatPart(UUID finalId, int position, UUID partialId) {
    this.finalId = finalId;
    this.position = position;
    this.partialId = partialId;
  }

  public UUID getPartialId() {
    return partialId;
  }

  public UUID getFinalId() {
    return finalId;
  }

  public int getPosition() {
    return position;
  }
}
