package io.fileparser.upload;

import io.fileparser.audit.AuditBeans;
import io.fileparser.dispatch.DispatchBeans;
import io.fileparser.security.SecurityBeans;
import jakarta.persistence.EntityManager;

/** The upload beans wired by hand over a component test's entity manager. */
final class UploadBeans {

  private UploadBeans() {}

  static UploadRegistrar registrar(EntityManager em, String tenantId) {
    UploadRegistrar registrar = new UploadRegistrar();
    registrar.em = em;
    registrar.tenants = SecurityBeans.tenants(em);
    registrar.events = DispatchBeans.jobEvents(em, "component-test." + tenantId);
    registrar.dispatcher = DispatchBeans.jobDispatcher(em, "component-test." + tenantId);
    registrar.audit = AuditBeans.log(em);
    registrar.removals = io.fileparser.storage.StorageBeans.removals(em);
    registrar.telemetry = new io.fileparser.telemetry.Telemetry();
    registrar.usage = io.fileparser.usage.UsageBeans.counters(em);
    registrar.dependencies =
        io.fileparser.workflow.WorkflowBeans.dependencies(em, registrar.events);
    registrar.schedules = io.fileparser.workflow.WorkflowBeans.schedules(em, registrar.events);
    return registrar;
  }
}
