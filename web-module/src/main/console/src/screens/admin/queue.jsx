// The queue: depth per priority band, the oldest waiting job, jobs in flight per tenant, dead
// letters, and pausing or resuming dispatch (a tenant's admins their tenant's; the operator also
// everyone's).
import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { link } from '../../router.js';
import { formatDuration, Loading, ProblemView, Time, useAction, useAsync } from '../../ui.jsx';
import { isOperator, Stat, TenantFilter, UpdatedAt, useNow, useRefresh, TableWrap } from './common.jsx';

export function QueueSection({ me }) {
  const operator = isOperator(me);
  const [tenant, setTenant] = useState('');
  const { data, problem, loading, reload } = useAsync(() => api('/admin/queue', { query: { tenantId: operator ? tenant : undefined } }), [tenant]);
  useRefresh(me, reload, { everyMs: 10_000 });
  const now = useNow(1000);
  const { busy, problem: actionProblem, setProblem: setActionProblem, run } = useAction();
  const [said, setSaid] = useState('');

  function change(action, scope) {
    return run(null, async () => {
      const body = { scope };
      if (scope === 'tenant' && operator) body.tenantId = tenant;
      const result = await api(`/admin/queue/${action}`, { method: 'POST', body });
      const what = scope === 'global' ? "Every tenant's dispatch" : 'Dispatch';
      setSaid(
        action === 'pause'
          ? result.changed ? `${what} paused: new jobs wait until it is resumed.` : `${what} was already paused.`
          : result.changed ? `${what} resumed: waiting jobs go to the workers.` : `${what} was not paused.`,
      );
      reload();
    });
  }

  if (!data && problem) return <ProblemView problem={problem} />;
  if (!data) return <Loading what="Reading the queue" />;
  const waiting = data.bands?.reduce((n, b) => n + b.waiting, 0) ?? 0;
  const delayed = data.bands?.reduce((n, b) => n + b.delayed, 0) ?? 0;
  const dispatched = data.bands?.reduce((n, b) => n + b.dispatched, 0) ?? 0;
  const oldest = data.oldestWaitingSince ? (now - Date.parse(data.oldestWaitingSince)) / 1000 : null;
  const broker = Object.fromEntries((data.broker ?? []).map((b) => [b.priority, b.length]));
  const tenantPaused = operator ? (tenant ? data.pauses?.some((p) => p.scope === 'tenant' && p.tenantId === tenant) : null) : data.pausedForTenant;

  return (
    <section aria-labelledby="queue-title">
      <h2 id="queue-title">Queue</h2>
      {operator ? (
        <div class="toolbar">
          <TenantFilter me={me} value={tenant} onChange={setTenant} />
        </div>
      ) : null}
      <UpdatedAt at={data.at} loading={loading} onRefresh={reload} />
      {problem ? <ProblemView problem={problem} /> : null}
      <div class="stats">
        <Stat label="waiting" value={waiting} />
        <Stat label="delayed (retries, scheduled)" value={delayed} />
        <Stat label="dispatched" value={dispatched} />
        <Stat label="oldest waiting" value={oldest === null ? '–' : formatDuration(oldest)} />
        <Stat label="dead letters" value={<a href={link('admin', 'dead-letters')}>{data.deadLettered}</a>} />
      </div>

      <h3>Dispatch</h3>
      <p class="dispatch-state" data-paused={String(!!(data.pausedGlobally || tenantPaused))}>
        {data.pausedGlobally ? (
          <strong class="paused">Paused for every tenant.</strong>
        ) : tenantPaused ? (
          <strong class="paused">Paused{operator ? ` for ${tenant}` : ' for this tenant'}: uploads are taken and wait.</strong>
        ) : (
          <span class="running">Running{operator && !tenant ? ' (no global pause)' : ''}.</span>
        )}
      </p>
      {data.pauses?.length ? (
        <ul class="pauses">
          {data.pauses.map((p, i) => (
            <li key={i}>
              {p.scope === 'global' ? 'Every tenant' : `Tenant ${p.tenantId}`} paused by {p.pausedBy} at <Time at={p.pausedAt} />
            </li>
          ))}
        </ul>
      ) : null}
      <div class="actions">
        {!operator || tenant ? (
          tenantPaused ? (
            <button type="button" class="primary" disabled={busy} onClick={() => change('resume', 'tenant')}>
              Resume dispatch{operator ? ` of ${tenant}` : ''}
            </button>
          ) : (
            <button type="button" disabled={busy} onClick={() => change('pause', 'tenant')}>
              Pause dispatch{operator ? ` of ${tenant}` : ''}
            </button>
          )
        ) : null}
        {operator ? (
          data.pausedGlobally ? (
            <button type="button" class="primary" disabled={busy} onClick={() => change('resume', 'global')}>
              Resume every tenant
            </button>
          ) : (
            <button type="button" class="danger" disabled={busy} onClick={() => change('pause', 'global')}>
              Pause every tenant
            </button>
          )
        ) : null}
      </div>
      {said ? <p role="status">{said}</p> : null}
      <ProblemView problem={actionProblem} onDismiss={() => setActionProblem(null)} />

      <h3>Per priority band</h3>
      <TableWrap label="Jobs per priority band">
        <table>
          <caption class="sr-only">Jobs per priority band (0 is dispatched first)</caption>
          <thead>
            <tr>
              <th scope="col">Band</th>
              <th scope="col" class="num">Waiting</th>
              <th scope="col" class="num">Delayed</th>
              <th scope="col" class="num">Dispatched</th>
              {operator ? <th scope="col" class="num">Broker list</th> : null}
              <th scope="col" class="depth-cell">Depth</th>
            </tr>
          </thead>
          <tbody>
            {(data.bands ?? []).map((b) => (
              <tr key={b.priority}>
                <th scope="row">{b.priority}{b.priority === 0 ? ' (first)' : ''}</th>
                <td class="num">{b.waiting}</td>
                <td class="num">{b.delayed}</td>
                <td class="num">{b.dispatched}</td>
                {operator ? <td class="num">{broker[b.priority] ?? '–'}</td> : null}
                <td class="depth-cell">
                  <span class="depth" data-empty={String(!(b.waiting + b.delayed))} style={{ width: `${Math.min(100, (100 * (b.waiting + b.delayed)) / Math.max(1, waiting + delayed))}%` }} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>

      <h3>In flight per tenant</h3>
      {data.inFlight?.length ? (
        <TableWrap label="Jobs in flight per tenant">
          <table>
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                <th scope="col" class="num">Dispatched</th>
                <th scope="col" class="num">Processing</th>
                <th scope="col" class="num">Limit</th>
                <th scope="col" class="num">Held back</th>
              </tr>
            </thead>
            <tbody>
              {data.inFlight.map((t) => (
                <tr key={t.tenantId}>
                  <td>{t.tenantId}</td>
                  <td class="num">{t.dispatched}</td>
                  <td class="num">{t.processing}</td>
                  <td class="num">{t.limit}</td>
                  <td class="num">{t.held}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p class="muted">No job is with the workers.</p>
      )}
    </section>
  );
}
