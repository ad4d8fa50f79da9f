// Alerts, newest first: a tenant's (oldest queued too old, failure rate, a webhook endpoint
// disabled) and, for the operator, the platform's (no live worker, scanner down).
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Loading, ProblemView, Time, useAsync } from '../../ui.jsx';
import { isOperator, TenantFilter, UpdatedAt, useRefresh, TableWrap } from './common.jsx';

const RULES = {
  'queue.oldest_age': 'Oldest queued job too old',
  'jobs.failure_rate': 'Failure rate too high',
  'webhook.endpoint_disabled': 'Webhook endpoint disabled',
  'workers.none_live': 'No live parse worker',
  'scanner.down': 'Virus scanner down',
};

export function AlertsSection({ me }) {
  const operator = isOperator(me);
  const [state, setState] = useState('');
  const [tenant, setTenant] = useState('');
  const { data, problem, loading, reload } = useAsync(
    () => api('/admin/alerts', { query: { state: state || undefined, tenantId: operator ? tenant || undefined : undefined, limit: 100 } }),
    [state, tenant],
  );
  const [at, setAt] = useState(Date.now());
  // a tenant's alerts reach its admins' feed live; the operator's platform alerts have no feed
  useRefresh(me, () => (setAt(Date.now()), reload()), { everyMs: 30_000, filter: (m) => m.type === 'notification' && /^alert\./.test(m.notification?.kind ?? '') });
  const firing = data?.items?.filter((a) => a.state === 'firing').length ?? 0;
  return (
    <section aria-labelledby="alerts-title">
      <h2 id="alerts-title">Alerts</h2>
      <div class="toolbar">
        <div>
          <label for="alert-state">State</label>
          <select id="alert-state" value={state} onChange={(e) => setState(e.currentTarget.value)}>
            <option value="">firing and cleared</option>
            <option value="firing">firing</option>
            <option value="cleared">cleared</option>
          </select>
        </div>
        <TenantFilter me={me} value={tenant} onChange={setTenant} id="alert-tenant" />
      </div>
      <UpdatedAt at={at} loading={loading} onRefresh={() => (setAt(Date.now()), reload())} />
      <ProblemView problem={problem} />
      {!data ? (
        problem ? null : <Loading what="Reading the alerts" />
      ) : data.items.length ? (
        <>
          <p>
            <strong>{firing}</strong> firing.
          </p>
          <TableWrap label="Alerts">
            <table>
              <thead>
                <tr>
                  <th scope="col">State</th>
                  <th scope="col">Alert</th>
                  {operator ? <th scope="col">Tenant</th> : null}
                  <th scope="col">Subject</th>
                  <th scope="col">Message</th>
                  <th scope="col" class="num">Value</th>
                  <th scope="col" class="num">Threshold</th>
                  <th scope="col">Fired</th>
                  <th scope="col">Cleared</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <span class={`state ${a.state === 'firing' ? 'state-failed' : 'state-cancelled'}`}>{a.state}</span>
                    </td>
                    <td>
                      {RULES[a.rule] ?? a.rule} <span class="muted">({a.rule})</span>
                    </td>
                    {operator ? <td>{a.tenantId ?? 'platform'}</td> : null}
                    <td>{a.subject ?? '–'}</td>
                    <td>{a.message}</td>
                    <td class="num">{a.value ?? '–'}</td>
                    <td class="num">{a.threshold ?? '–'}</td>
                    <td>
                      <Time at={a.firedAt} />
                    </td>
                    <td>{a.clearedAt ? <Time at={a.clearedAt} /> : '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      ) : (
        <p class="empty">No alert{state ? ` ${state}` : ''}: nothing has crossed a threshold.</p>
      )}
    </section>
  );
}
