// The admin screen: sections for the queue, dead letters, workers, throughput and latency, alerts,
// usage, tenants and the audit trail. A tenant's admins and owners see their tenant; the platform
// operator (no tenant) sees the platform: every tenant, the workers and the tenants' settings.
import { link } from '../router.js';
import { hasRole, ProblemView } from '../ui.jsx';
import { isOperator } from './admin/common.jsx';
import { QueueSection } from './admin/queue.jsx';
import { DeadLettersSection } from './admin/deadletters.jsx';
import { WorkersSection } from './admin/workers.jsx';
import { MetricsSection } from './admin/metrics.jsx';
import { AlertsSection } from './admin/alerts.jsx';
import { UsageSection } from './admin/usage.jsx';
import { TenantsSection } from './admin/tenants.jsx';
import { AuditSection } from './admin/audit.jsx';
import './admin.css';

function sections(me) {
  const operator = isOperator(me);
  const list = [
    ['queue', 'Queue', QueueSection],
    ['dead-letters', 'Dead letters', DeadLettersSection],
  ];
  if (operator) list.push(['workers', 'Workers', WorkersSection]);
  list.push(['metrics', 'Throughput and latency', MetricsSection], ['alerts', 'Alerts', AlertsSection]);
  if (operator || hasRole(me, 'owner')) list.push(['usage', 'Usage', UsageSection]);
  if (operator) list.push(['tenants', 'Tenants', TenantsSection]);
  list.push(['audit', 'Audit', AuditSection]);
  return list;
}

export function AdminScreen({ me, section, item, query = {} }) {
  if (!hasRole(me, 'admin', 'owner', 'operator')) {
    return <ProblemView problem={{ title: 'Not allowed', detail: 'The admin screens are for admins, owners and the platform operator.', code: 'forbidden', status: 403 }} />;
  }
  const list = sections(me);
  const current = list.find(([name]) => name === section) ?? list[0];
  const Section = current[2];
  return (
    <div class="admin">
      <h1>
        Admin <span class="muted">· {isOperator(me) ? 'platform' : me.tenantId}</span>
      </h1>
      <nav aria-label="Admin sections" class="subnav">
        <ul>
          {list.map(([name, label]) => (
            <li key={name}>
              <a href={link('admin', name)} aria-current={name === current[0] ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <Section key={current[0]} me={me} item={item} query={query} />
    </div>
  );
}
