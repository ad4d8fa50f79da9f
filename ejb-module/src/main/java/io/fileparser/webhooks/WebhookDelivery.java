package io.fileparser.webhooks;

import io.fileparser.scheduling.DrainingTask;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers due webhook messages: on a fixed delay (retries whose time has come, leases that ran out
 * after a crash, work another instance left), and at once after a commit that may have written
 * messages. A round claims a batch, sends its requests concurrently outside any transaction, and
 * records each outcome; one round at a time per instance, several instances share the work.
 *
 * <p>Order: an endpoint's messages are claimed in {@code seq} order, so first attempts usually
 * leave in the order the events were written, but nothing waits for an earlier message: messages of
 * a batch are in flight together, and a message being retried does not hold back later ones.
 * Receivers order a job's events by the {@code seq} in the body and drop repeats by {@code
 * webhook-id}.
 *
 * <p>Starts after the schema migration: its first round may come before anything else touches the
 * database, on a schema that does not have its tables yet.
 */
@Startup
@Singleton
@ApplicationScoped
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class WebhookDelivery extends DrainingTask {

  private static final Logger LOG = Logger.getLogger(WebhookDelivery.class.getName());
  private static final int BATCH = 50;

  @Inject DeliveryBatch batch;
  @Inject WebhookSender sender;
  @Inject WebhookSettings settings;

  @Override
  protected Duration interval() {
    return settings.pollInterval();
  }

  /**
   * Messages were written (for a job's change, a resend, a recovery) and committed: deliver now.
   */
  public void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessagesQueued queued) {
    kick();
  }

  @Override
  protected int batchSize() {
    return BATCH;
  }

  @Override
  protected String failedMessage() {
    return "webhook delivery round failed; messages stay due";
  }

  @Override
  protected String recoveredMessage() {
    return "webhook delivery works again";
  }

  /**
   * Sends a batch concurrently; the outcomes are recorded on this (managed) thread once all have
   * answered, never on the HTTP client's threads, which have no container context.
   */
  @Override
  protected int drainBatch() {
    List<Delivery> due = batch.claimDue(BATCH);
    List<CompletableFuture<DeliveryResult>> sent = new ArrayList<>();
    for (Delivery delivery : due) {
      sent.add(sender.send(delivery));
    }
    for (int i = 0; i < due.size(); i++) {
      record(due.get(i), sent.get(i).join());
    }
    return due.size();
  }

  private void record(Delivery delivery, DeliveryResult result) {
    try {
      batch.record(delivery, result);
    } catch (RuntimeException e) {
      // The lease runs out and the message is sent again: at least once, never lost.
      LOG.log(Level.WARNING, "could not record the attempt of " + delivery, e);
    }
  }
}
