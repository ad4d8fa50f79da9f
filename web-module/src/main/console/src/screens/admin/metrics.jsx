// Throughput and latency over a window: the summary of GET /admin/metrics, throughput per hour or
// day (a tenant's: /jobs/analytics, with processing and queue-wait percentiles per interval; the
// operator's: the usage counters of every tenant), and the queue-wait and processing percentiles per
// format.
import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { link } from '../../router.js';
import { formatBytes, formatDuration, Loading, ProblemView, StateBadge, useAsync } from '../../ui.jsx';
import { Chart } from './chart.jsx';
import { isOperator, Stat, TableWrap, TenantFilter, UpdatedAt, useRefresh } from './common.jsx';

const WINDOWS = [
  [24, 'Last 24 hours'],
  [168, 'Last 7 days'],
  [720, 'Last 30 days'],
];
const HOUR = 3600_000;

/** Chart series from rows of [x, value per label...]: {x, series: [{label, values}]}. */
function columns(rows, labels) {
  return { x: rows.map((r) => r[0]), series: labels.map((label, i) => ({ label, values: rows.map((r) => r[i + 1]) })) };
}

function day(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

async function throughput(me, hours, tenant) {
  const to = Date.now();
  const from = to - hours * HOUR;
  if (!isOperator(me)) {
    const interval = hours <= 48 ? 'hour' : 'day';
    const step = interval === 'hour' ? HOUR : 24 * HOUR;
    const a = await api('/jobs/analytics', { query: { from: new Date(from).toISOString(), to: new Date(to).toISOString(), interval } });
    const byStart = new Map((a.throughput ?? []).map((b) => [Math.floor(Date.parse(b.start) / step), b]));
    const rows = [];
    const times = [];
    for (let t = Math.floor(from / step); t <= Math.floor(to / step); t++) {
      const b = byStart.get(t) ?? { created: 0, completed: 0, failed: 0 };
      rows.push([(t * step) / 1000, b.created, b.completed, b.failed]);
      times.push([(t * step) / 1000, b.processingSeconds?.p50 ?? null, b.processingSeconds?.p95 ?? null, b.queueWaitSeconds?.p95 ?? null]);
    }
    return {
      unit: interval,
      rows,
      labels: ['created', 'completed', 'failed'],
      // latency over time: the jobs that finished in each interval (gaps where none did)
      times: { rows: times, labels: ['processing p50', 'processing p95', 'queue wait p95'] },
    };
  }
  // the operator: the daily usage counters, summed over tenants (or of the one named)
  const u = await api('/analytics/usage', { query: { period: 'day', from: day(from), to: day(to), tenant: tenant || undefined } });
  const byDay = new Map();
  for (const item of u.items ?? []) {
    const r = byDay.get(item.periodStart) ?? [Date.parse(item.periodStart) / 1000, 0, 0, 0];
    r[1] += item.uploads;
    r[2] += item.jobs.completed;
    r[3] += item.jobs.failed + item.jobs.deadLettered;
    byDay.set(item.periodStart, r);
  }
  return { unit: 'day', rows: [...byDay.values()].sort((a, b) => a[0] - b[0]), labels: ['uploads', 'completed', 'failed or dead-lettered'] };
}

export function MetricsSection({ me }) {
  const operator = isOperator(me);
  const [hours, setHours] = useState(24);
  const [tenant, setTenant] = useState('');
  const summary = useAsync(() => api('/admin/metrics', { query: { windowHours: hours, tenantId: operator ? tenant || undefined : undefined } }), [hours, tenant]);
  const series = useAsync(() => throughput(me, hours, tenant), [hours, tenant]);
  const slow = useAsync(() => api('/admin/diagnostics', { query: { windowHours: hours, limit: 10, tenantId: operator ? tenant || undefined : undefined } }), [hours, tenant]);
  useRefresh(me, () => (summary.reload(), series.reload(), slow.reload()), { everyMs: 30_000, filter: (m) => /^job\.(completed|failed|dead_lettered)$/.test(m.type), debounceMs: 5000 });

  const through = useMemo(() => columns(series.data?.rows ?? [], series.data?.labels ?? []), [series.data]);
  const overTime = useMemo(() => {
    const t = series.data?.times;
    return t && t.rows.some((r) => r[1] != null) ? columns(t.rows, t.labels) : null;
  }, [series.data]);
  const latency = useMemo(() => {
    const formats = summary.data?.formats ?? [];
    const labels = formats.map((f) => f.format);
    const pick = (key, p) => formats.map((f) => f[key]?.[p] ?? null);
    return {
      labels,
      processing: ['p50', 'p95', 'p99'].map((p) => ({ label: `processing ${p}`, values: pick('processingSeconds', p) })),
      wait: ['p50', 'p95', 'p99'].map((p) => ({ label: `queue wait ${p}`, values: pick('queueWaitSeconds', p) })),
    };
  }, [summary.data]);

  const m = summary.data;
  return (
    <section aria-labelledby="metrics-title">
      <h2 id="metrics-title">Throughput and latency</h2>
      <div class="toolbar">
        <div>
          <label for="metrics-window">Window</label>
          <select id="metrics-window" value={hours} onChange={(e) => setHours(Number(e.currentTarget.value))}>
            {WINDOWS.map(([h, label]) => (
              <option key={h} value={h}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <TenantFilter me={me} value={tenant} onChange={setTenant} id="metrics-tenant" />
      </div>
      <UpdatedAt at={m?.at} loading={summary.loading || series.loading} onRefresh={() => (summary.reload(), series.reload())} />
      <ProblemView problem={summary.problem} />
      {!m ? (
        summary.problem ? null : <Loading what="Reading the figures" />
      ) : (
        <div class="stats">
          <Stat label="files uploaded" value={m.uploads?.files ?? 0} hint={formatBytes(m.uploads?.bytes ?? 0)} />
          <Stat label="completed per hour" value={m.completedPerHour ?? 0} />
          <Stat label="failure rate" value={m.failureRate == null ? '–' : `${(m.failureRate * 100).toFixed(1)} %`} />
          {Object.entries(m.jobsByState ?? {}).map(([state, n]) => (
            <Stat key={state} label={state.toLowerCase().replaceAll('_', ' ')} value={n} />
          ))}
          {m.fleet ? <Stat label="live workers" value={m.fleet.liveWorkers} hint={`${m.fleet.activeTasks} tasks active, ${m.fleet.staleWorkers} stale`} /> : null}
        </div>
      )}
      <ProblemView problem={series.problem} />
      <div class="charts">
        {series.data ? <Chart title={`Jobs per ${series.data.unit}`} x={through.x} series={through.series} /> : null}
        {overTime ? <Chart title={`Latency per ${series.data.unit} of the jobs that finished in it (seconds)`} x={overTime.x} series={overTime.series} unit=" s" /> : null}
        {m ? <Chart title="Processing time per format (seconds)" labels={latency.labels} series={latency.processing} unit=" s" /> : null}
        {m ? <Chart title="Queue wait per format (seconds)" labels={latency.labels} series={latency.wait} unit=" s" /> : null}
      </div>
      <Slowest me={me} diagnostics={slow.data} problem={slow.problem} />
    </section>
  );
}

const secs = (v) => (v == null ? '–' : v < 60 ? `${+v.toFixed(2)} s` : formatDuration(v));

function Slowest({ me, diagnostics, problem }) {
  if (problem) return <ProblemView problem={problem} />;
  if (!diagnostics) return null;
  const rows = [...(diagnostics.longestRunning ?? []).map((j) => ({ ...j, running: true })), ...(diagnostics.slowest ?? [])];
  return (
    <>
      <h3>Slowest jobs in the window</h3>
      {rows.length ? (
        <TableWrap label="Slowest jobs">
          <table class="slowest">
            <thead>
              <tr>
                <th scope="col">Job</th>
                {isOperator(me) ? <th scope="col">Tenant</th> : null}
                <th scope="col">Format</th>
                <th scope="col">State</th>
                <th scope="col" class="num">Queue wait</th>
                <th scope="col" class="num">Processing</th>
                <th scope="col" class="num">Total</th>
                <th scope="col" class="num">Attempts</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((j) => (
                <tr key={j.jobId + (j.running ? '-r' : '')}>
                  <td class="wrap">{me.tenantId ? <a href={link('jobs', j.jobId)}>{j.jobId}</a> : <code>{j.jobId}</code>}</td>
                  {isOperator(me) ? <td>{j.tenantId}</td> : null}
                  <td>{j.format}</td>
                  <td>
                    <StateBadge state={j.state ?? (j.running ? 'RUNNING' : '')} />
                  </td>
                  <td class="num">{secs(j.queueWaitSeconds)}</td>
                  <td class="num">{secs(j.processingSeconds)}</td>
                  <td class="num">{secs(j.totalSeconds ?? j.runningSeconds)}</td>
                  <td class="num">{j.attempts ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p class="empty">No job finished in this window.</p>
      )}
    </>
  );
}
