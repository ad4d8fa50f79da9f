// Usage for billing per tenant and period (the tenant's owner, or the operator), and its CSV export.
import { useState } from 'preact/hooks';
import { api, download } from '../../api.js';
import { formatBytes, Loading, ProblemView, useAsync } from '../../ui.jsx';
import { isOperator, TableWrap } from './common.jsx';

const today = () => new Date().toISOString().slice(0, 10);
const monthStart = () => today().slice(0, 8) + '01';

export function UsageSection({ me }) {
  const operator = isOperator(me);
  const [form, setForm] = useState({ period: 'day', from: monthStart(), to: today(), tenant: '' });
  const [query, setQuery] = useState(form);
  const { data, problem, loading } = useAsync(
    () => api('/analytics/usage', { query: { period: query.period, from: query.from, to: query.to, tenant: operator ? query.tenant || undefined : undefined } }),
    [query],
  );
  const [exporting, setExporting] = useState(false);
  const [exportProblem, setExportProblem] = useState(null);
  const [exported, setExported] = useState('');
  const set = (name) => (e) => setForm({ ...form, [name]: e.currentTarget.value });

  async function exportCsv() {
    setExporting(true);
    setExportProblem(null);
    const filename = `usage-${query.period}-${query.from}-${query.to}${query.tenant ? '-' + query.tenant : ''}.csv`;
    try {
      await download('/analytics/usage', {
        accept: 'text/csv',
        filename,
        query: { period: query.period, from: query.from, to: query.to, tenant: operator ? query.tenant || undefined : undefined },
      });
      setExported(`Saved ${filename}.`);
    } catch (p) {
      setExportProblem(p);
    } finally {
      setExporting(false);
    }
  }

  const items = data?.items ?? [];
  return (
    <section aria-labelledby="usage-title">
      <h2 id="usage-title">Usage</h2>
      <form class="toolbar" onSubmit={(e) => (e.preventDefault(), setQuery(form))}>
        <div>
          <label for="usage-period">Period</label>
          <select id="usage-period" value={form.period} onChange={set('period')}>
            <option value="day">per day</option>
            <option value="month">per month</option>
          </select>
        </div>
        <div>
          <label for="usage-from">From</label>
          <input id="usage-from" type="date" value={form.from} onChange={set('from')} />
        </div>
        <div>
          <label for="usage-to">To</label>
          <input id="usage-to" type="date" value={form.to} onChange={set('to')} />
        </div>
        {operator ? (
          <div>
            <label for="usage-tenant">Tenant</label>
            <input id="usage-tenant" type="text" placeholder="every tenant" value={form.tenant} onChange={set('tenant')} />
          </div>
        ) : null}
        <button type="submit" class="primary">
          Show
        </button>
        <button type="button" disabled={exporting || !data} onClick={exportCsv}>
          {exporting ? 'Exporting…' : 'Export CSV'}
        </button>
      </form>
      {exported ? <p role="status">{exported}</p> : null}
      <ProblemView problem={exportProblem} onDismiss={() => setExportProblem(null)} />
      <ProblemView problem={problem} />
      {loading && !data ? <Loading what="Reading the usage" /> : null}
      {data ? (
        <>
          <p class="muted">
            {data.from} to {data.to}, per {data.period}
            {data.tenantId ? ` for ${data.tenantId}` : ''}. Counted as things happen; API calls of the last minute may still be on their way.
          </p>
          {items.length ? (
            <TableWrap label="Usage per tenant and period">
              <table class="usage">
                <thead>
                  <tr>
                    {operator ? <th scope="col">Tenant</th> : null}
                    <th scope="col">Period</th>
                    <th scope="col" class="num">Uploads</th>
                    <th scope="col" class="num">Received</th>
                    <th scope="col" class="num">Stored</th>
                    <th scope="col" class="num">Removed</th>
                    <th scope="col" class="num">Held</th>
                    <th scope="col" class="num">Pages</th>
                    <th scope="col" class="num">Rows</th>
                    <th scope="col" class="num">Completed</th>
                    <th scope="col" class="num">Failed</th>
                    <th scope="col" class="num">Cancelled</th>
                    <th scope="col" class="num">Dead-lettered</th>
                    <th scope="col" class="num">Deleted</th>
                    <th scope="col" class="num">API read</th>
                    <th scope="col" class="num">API write</th>
                    <th scope="col" class="num">API upload</th>
                    <th scope="col" class="num">Webhooks delivered</th>
                    <th scope="col" class="num">Webhooks failed</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((i) => (
                    <tr key={i.tenantId + i.periodStart}>
                      {operator ? <td>{i.tenantId}</td> : null}
                      <td>{i.periodStart === i.periodEnd ? i.periodStart : `${i.periodStart} – ${i.periodEnd}`}</td>
                      <td class="num">{i.uploads}</td>
                      <td class="num">{formatBytes(i.bytesReceived)}</td>
                      <td class="num">{formatBytes(i.bytesStored)}</td>
                      <td class="num">{formatBytes(i.bytesRemoved)}</td>
                      <td class="num">{formatBytes(i.storageHeldBytes)}</td>
                      <td class="num">{i.pagesParsed}</td>
                      <td class="num">{i.rowsParsed}</td>
                      <td class="num">{i.jobs.completed}</td>
                      <td class="num">{i.jobs.failed}</td>
                      <td class="num">{i.jobs.cancelled}</td>
                      <td class="num">{i.jobs.deadLettered}</td>
                      <td class="num">{i.jobs.deleted}</td>
                      <td class="num">{i.apiCalls.read}</td>
                      <td class="num">{i.apiCalls.write}</td>
                      <td class="num">{i.apiCalls.upload}</td>
                      <td class="num">{i.webhookDeliveries.delivered}</td>
                      <td class="num">{i.webhookDeliveries.failed}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : (
            <p class="empty">No usage in this range.</p>
          )}
        </>
      ) : null}
    </section>
  );
}
