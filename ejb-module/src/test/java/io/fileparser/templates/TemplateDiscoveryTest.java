package io.fileparser.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fileparser.audit.AuditBeans;
import io.fileparser.jobs.TestJobs;
import io.fileparser.jobs.entity.Job;
import io.fileparser.jobs.entity.JobState;
import io.fileparser.problem.ProblemException;
import io.fileparser.problem.ProblemType;
import io.fileparser.schema.ComponentDatabase;
import io.fileparser.schema.ComponentTest;
import io.fileparser.security.Caller;
import io.fileparser.security.Role;
import io.fileparser.security.SecurityBeans;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Discovered layouts on PostgreSQL: one proposal per layout, its sightings, its decisions. */
@ComponentTest
class TemplateDiscoveryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUMMARY =
      "{\"columnProfile\": [{\"name\": \"Originating Number\", \"inferredType\": \"phone\","
          + " \"examples\": [\"+441632960000\"]}, {\"name\": \"Talk Seconds\", \"inferredType\":"
          + " \"integer\", \"examples\": [\"12\"]}], \"sampleRows\": [[\"+441632960000\","
          + " \"12\"]], \"dialect\": {\"hasHeader\": true, \"delimiter\": \",\"}}";

  private final ComponentDatabase db;
  private final TestJobs jobs;
  private final Caller admin;

  TemplateDiscoveryTest(ComponentDatabase db) {
    this.db = db;
    this.jobs = TestJobs.forNewTenant(db);
    this.admin =
        new Caller(
            jobs.tenantId(), "admin@" + jobs.tenantId(), Set.of(Role.ADMIN), Caller.Method.JWT);
  }

  private <T> T discovery(Function<TemplateDiscovery, T> work) {
    return db.fromTransaction(em -> work.apply(wired(em)));
  }

  private static TemplateDiscovery wired(EntityManager em) {
    TemplateCatalog catalog = new TemplateCatalog();
    catalog.em = em;
    catalog.tenants = SecurityBeans.tenants(em);
    catalog.audit = AuditBeans.log(em);
    TemplateDiscovery discovery = new TemplateDiscovery();
    discovery.em = em;
    discovery.catalog = catalog;
    discovery.audit = AuditBeans.log(em);
    return discovery;
  }

  private static LayoutProfile layout(String... headers) throws Exception {
    StringBuilder columns = new StringBuilder();
    for (String header : headers) {
      columns
          .append(columns.length() == 0 ? "" : ",")
          .append("{\"name\": \"")
          .append(header)
          .append("\"}");
    }
    return LayoutProfile.of(
        "CSV",
        JSON.readTree(
            "{\"columnProfile\": ["
                + columns
                + "], \"dialect\": {\"hasHeader\": true, \"delimiter\": \",\"}}"));
  }

  private UUID sight(LayoutProfile layout, UUID jobId) {
    String document = layout.proposedDocument().toString();
    return discovery(d -> d.sighted(jobs.tenantId(), jobId, layout, document, now()));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  @Test
  void fiftyFilesOfOneLayoutMakeOneProposalWithFiftySightingsAndAJobCountsOnce() throws Exception {
    LayoutProfile layout = layout("Caller", "Callee", "Start");
    UUID first = UUID.randomUUID();
    UUID proposal = sight(layout, first);
    for (int i = 1; i < 50; i++) {
      assertEquals(proposal, sight(layout("caller ", "CALLEE", "start"), UUID.randomUUID()));
    }
    assertEquals(proposal, sight(layout, first)); // the same job's result applied again

    TemplateProposalPage page = discovery(d -> d.list(admin, null, null, null));
    assertEquals(1, page.items().size(), page::toString);
    assertEquals(50, page.items().get(0).sightings());
    assertEquals(first, page.items().get(0).firstJobId());

    UUID other = sight(layout("Caller", "Callee"), UUID.randomUUID());
    assertTrue(!other.equals(proposal));
    assertEquals(2, discovery(d -> d.list(admin, "discovered", null, null)).items().size());
  }

  @Test
  void aJobThatStartsWaitingForAMappingProposesItsLayout() {
    Job job = jobs.job("calls.csv").in(JobState.NEEDS_MAPPING);
    jobs.withColumns(job, "result_summary = '" + SUMMARY + "'");
    db.inTransaction(em -> wired(em).jobNeedsMapping(em.find(Job.class, job.getId()), now()));

    TemplateProposalView proposal = discovery(d -> d.list(admin, null, null, null)).items().get(0);
    assertEquals(job.getId(), proposal.firstJobId());
    assertEquals(1, proposal.sightings());
    assertTrue(proposal.profile().contains("Originating Number"), proposal::profile);
    assertTrue(proposal.document().contains("Talk_Seconds"), proposal::document);
  }

  @Test
  void approvingMakesATemplateAndADecisionIsFinal() throws Exception {
    UUID id = sight(layout("Caller", "Minutes"), UUID.randomUUID());
    TemplateProposalView approved =
        discovery(
            d -> d.approve(admin, id, new TemplateDiscovery.Approval("Found calls", null, true)));
    assertEquals("APPROVED", approved.state());
    assertNotNull(approved.templateId());
    TemplateView template =
        db.fromTransaction(em -> wired(em).catalog.get(admin, approved.templateId()));
    assertEquals("Found calls", template.name());
    assertEquals(1, template.currentVersion());

    ProblemException twice =
        assertThrows(ProblemException.class, () -> discovery(d -> d.reject(admin, id, "late")));
    assertEquals(ProblemType.TEMPLATE_PROPOSAL_DECIDED, twice.type());
    assertEquals(0, discovery(d -> d.list(admin, null, null, null)).items().size());
  }

  @Test
  void aRejectedLayoutKeepsCountingButIsNotProposedAgain() throws Exception {
    LayoutProfile layout = layout("Number", "When");
    UUID id = sight(layout, UUID.randomUUID());
    discovery(d -> d.reject(admin, id, "one-off"));
    assertEquals(id, sight(layout, UUID.randomUUID()));

    assertEquals(0, discovery(d -> d.list(admin, null, null, null)).items().size());
    List<TemplateProposalView> rejected =
        discovery(d -> d.list(admin, "REJECTED", null, null)).items();
    assertEquals(1, rejected.size());
    assertEquals(2, rejected.get(0).sightings());
    assertEquals("one-off", rejected.get(0).reason());
  }

  @Test
  void anEditIsCheckedAndAnotherTenantFindsNothing() throws Exception {
    UUID id = sight(layout("A", "B"), UUID.randomUUID());
    ProblemException bad =
        assertThrows(
            ProblemException.class,
            () -> discovery(d -> d.edit(admin, id, JSON.createObjectNode().put("name", "x"))));
    assertEquals(ProblemType.INVALID_TEMPLATE, bad.type());

    Caller stranger = TestJobs.forNewTenant(db).caller();
    ProblemException hidden =
        assertThrows(ProblemException.class, () -> discovery(d -> d.get(stranger, id)));
    assertEquals(ProblemType.TEMPLATE_PROPOSAL_NOT_FOUND, hidden.type());
    assertEquals(0, discovery(d -> d.list(stranger, null, null, null)).items().size());
  }

  @Test
  void aMappingSavedAsATemplateClosesTheProposalOfItsJob() throws Exception {
    UUID jobId = UUID.randomUUID();
    LayoutProfile layout = layout("X", "Y", "Z");
    UUID id = sight(layout, jobId);
    TemplateView template =
        db.fromTransaction(em -> wired(em).catalog.create(admin, layout.proposedDocument()));
    discovery(d -> d.closeForJob(admin, jobId, template.id(), 1));

    TemplateProposalView closed = discovery(d -> d.get(admin, id));
    assertEquals("APPROVED", closed.state());
    assertEquals(template.id(), closed.templateId());
  }
}
