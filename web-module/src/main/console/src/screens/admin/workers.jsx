// Live parse workers (the operator): heartbeats, load, and remote-control commands.
import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ConfirmDialog, Loading, ProblemView, Time, useAction, useAsync } from '../../ui.jsx';
import { UpdatedAt, useRefresh } from './common.jsx';

const COMMANDS = [
  ['ping', 'Ping'],
  ['stats', 'Stats'],
  ['pool_grow', 'Grow pool'],
  ['pool_shrink', 'Shrink pool'],
  ['rate_limit', 'Rate limit of parsing'],
  ['shutdown', 'Shut down (warm)'],
];

export function WorkersSection({ me }) {
  const { data, problem, loading, reload } = useAsync(() => api('/admin/workers'), []);
  useRefresh(me, reload, { everyMs: 10_000 });
  const at = useMemo(() => Date.now(), [data]);
  if (!data && problem) return <ProblemView problem={problem} />;
  if (!data) return <Loading what="Reading the workers" />;
  const live = data.items.filter((w) => w.alive).length;
  return (
    <section aria-labelledby="workers-title">
      <h2 id="workers-title">Workers</h2>
      <UpdatedAt at={at} loading={loading} onRefresh={reload} />
      <p>
        <strong>{live}</strong> live of {data.items.length} heard from.
      </p>
      {data.items.length ? (
        data.items.map((w) => <Worker key={w.hostname} worker={w} />)
      ) : (
        <p class="empty">No parse worker has sent a heartbeat: jobs wait in the queue until one starts.</p>
      )}
    </section>
  );
}

function Worker({ worker }) {
  const [command, setCommand] = useState('ping');
  const [n, setN] = useState(1);
  const [reply, setReply] = useState(null);
  const { busy, problem, setProblem, run } = useAction();
  const [rate, setRate] = useState('10/s');
  const [confirm, setConfirm] = useState(false);
  const id = worker.hostname.replace(/[^A-Za-z0-9_-]/g, '_');
  function submit(e) {
    e.preventDefault();
    if (command === 'shutdown') setConfirm(true);
    else send();
  }
  function send() {
    setConfirm(false);
    return run(null, async () => {
      const body = { command };
      if (command.startsWith('pool_')) body.n = Number(n);
      if (command === 'rate_limit') body.rate = rate.trim();
      setReply(await api(`/admin/workers/${encodeURIComponent(worker.hostname)}/commands`, { method: 'POST', body }));
    });
  }
  return (
    <div class="card worker">
      <h3>
        {worker.hostname} <span class={`state ${worker.alive ? 'state-completed' : 'state-failed'}`}>{worker.alive ? 'alive' : 'stale'}</span>
      </h3>
      <dl class="facts">
        <dt>Active tasks</dt>
        <dd>{worker.active}</dd>
        <dt>Processed</dt>
        <dd>{worker.processed}</dd>
        <dt>Load (1, 5, 15 min)</dt>
        <dd>{(worker.loadavg ?? []).join(', ') || '–'}</dd>
        <dt>Last heartbeat</dt>
        <dd>
          <Time at={worker.lastHeartbeat} /> (every {worker.heartbeatSeconds} s)
        </dd>
        <dt>Software</dt>
        <dd>{worker.software ?? '–'}</dd>
      </dl>
      <form class="toolbar" onSubmit={submit}>
        <div>
          <label for={`cmd-${id}`}>Command</label>
          <select id={`cmd-${id}`} value={command} onChange={(e) => setCommand(e.currentTarget.value)}>
            {COMMANDS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {command.startsWith('pool_') ? (
          <div>
            <label for={`n-${id}`}>Processes</label>
            <input id={`n-${id}`} type="number" min="1" max="16" value={n} onChange={(e) => setN(e.currentTarget.value)} />
          </div>
        ) : null}
        {command === 'rate_limit' ? (
          <div>
            <label for={`rate-${id}`}>Rate (10/s, 100/m, 1000/h, 0 for none)</label>
            <input id={`rate-${id}`} type="text" value={rate} onInput={(e) => setRate(e.currentTarget.value)} />
          </div>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? 'Sending…' : 'Send'}
        </button>
      </form>
      <ProblemView problem={problem} onDismiss={() => setProblem(null)} />
      {reply ? (
        <div role="status">
          <p>{reply.answered ? 'The worker answered:' : 'The worker did not answer.'}</p>
          <pre class="reply">{JSON.stringify(reply.reply ?? null, null, 2)}</pre>
        </div>
      ) : null}
      <ConfirmDialog open={confirm} title={`Shut down ${worker.hostname}?`} confirmLabel="Shut down" busy={busy} onConfirm={send} onCancel={() => setConfirm(false)}>
        <p>Its running tasks finish, then it leaves the live list. Jobs wait in the queue until another worker takes them.</p>
      </ConfirmDialog>
    </div>
  );
}
