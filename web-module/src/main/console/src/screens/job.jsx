// One job: its state and progress kept current from the WebSocket, the pipeline's steps as a timeline,
// the classification with its confidence, the error with what to do about it, the first records of the
// result with downloads, its webhook deliveries (admins and owners), the event history, and cancel /
// retry / delete as the caller's role allows (the API decides: a member acting on another's job is
// shown the problem it answers).
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { onLive } from '../live.js';
import { link } from '../router.js';
import { ConfirmDialog, formatBytes, formatDuration, hasRole, Loading, ProblemView, ProgressBar, StateBadge, Time, useAction, useAsync } from '../ui.jsx';
import { FINISHED, formatConfidence } from './jobs/model.js';
import { Deliveries } from './jobs/deliveries.jsx';
import { ResultPreview } from './jobs/result.jsx';
import './jobs.css';

const RETRYABLE = ['FAILED', 'CANCELLED', 'DEAD_LETTERED'];

function Steps({ steps }) {
  if (!steps?.length) return <p class="muted">No step recorded yet.</p>;
  return (
    <ol class="timeline">
      {steps.map((step) => (
        <li key={step.name} class={`step step-${String(step.status).toLowerCase()}`}>
          <span class="step-mark" aria-hidden="true" />
          <span class="step-name">{step.name}</span>
          <span class="step-status">{String(step.status ?? '').toLowerCase()}</span>
          {step.detail ? <span class="step-detail">{step.detail}</span> : null}
          {step.finishedAt || step.startedAt ? (
            <span class="step-time muted">
              <Time at={step.finishedAt ?? step.startedAt} />
            </span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

function History({ jobId, live }) {
  const [open, setOpen] = useState(false);
  const history = useAsync(() => (open ? api(`/jobs/${jobId}/history`, { query: { afterSeq: 0, limit: 200 } }) : null), [jobId, open]);
  const items = [...(history.data?.items ?? [])];
  for (const event of live) if (!items.some((i) => i.seq === event.seq)) items.push(event);
  return (
    <details class="history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Event history</summary>
      <ProblemView problem={history.problem} />
      {open && history.loading && !history.data ? <Loading what="Loading the history" /> : null}
      {open && history.data ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col" class="num">
                  #
                </th>
                <th scope="col">When</th>
                <th scope="col">State</th>
                <th scope="col">Step</th>
                <th scope="col" class="num">
                  %
                </th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.seq}>
                  <td class="num">{e.seq}</td>
                  <td>
                    <Time at={e.at} />
                  </td>
                  <td>{e.state ? <StateBadge state={e.state} /> : null}</td>
                  <td>{e.step ?? ''}</td>
                  <td class="num">{e.percent ?? ''}</td>
                  <td>{e.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {history.data.next ? <p class="muted">The first 200 events are shown.</p> : null}
        </div>
      ) : null}
    </details>
  );
}

function Classification({ job }) {
  const c = job.classification;
  if (!c && job.needsMapping === undefined) return null;
  const confidence = c?.confidence;
  return (
    <section aria-labelledby="class-title">
      <h2 id="class-title">Classification</h2>
      <dl class="facts">
        <dt>Layout</dt>
        <dd>{c?.layout ?? '–'}</dd>
        <dt>Template</dt>
        <dd>{c?.templateMatched ? `${c.templateMatched}${c.templateVersion ? ` v${c.templateVersion}` : ''}` : 'none matched'}</dd>
        <dt>Confidence</dt>
        <dd>
          {confidence !== undefined && confidence !== null ? (
            <span class="confidence">
              <meter min="0" max="1" low="0.5" high="0.8" optimum="1" value={confidence} aria-label="Confidence" />
              <span>{formatConfidence(confidence)}</span>
            </span>
          ) : (
            '–'
          )}
        </dd>
        <dt>Needs mapping</dt>
        <dd>
          {job.needsMapping ? (
            <>
              yes{job.state === 'NEEDS_MAPPING' ? <> · <a href={link('mapping', job.id)}>Map its columns</a></> : null}
            </>
          ) : job.needsMapping === false ? (
            'no'
          ) : (
            '–'
          )}
        </dd>
      </dl>
    </section>
  );
}

function ErrorPanel({ error }) {
  if (!error) return null;
  return (
    <section aria-labelledby="error-title" class="job-error">
      <h2 id="error-title">Error</h2>
      <dl class="facts">
        <dt>Category</dt>
        <dd>{error.category ?? '–'}</dd>
        {error.kind ? (
          <>
            <dt>Kind</dt>
            <dd>{error.kind}</dd>
          </>
        ) : null}
        <dt>Message</dt>
        <dd>{error.message ?? '–'}</dd>
        <dt>What to do</dt>
        <dd class="remediation">{error.remediation ?? 'Retry the job; if it fails again, check the file.'}</dd>
        <dt>Retried automatically</dt>
        <dd>{error.retried ? 'yes' : 'no'}</dd>
      </dl>
    </section>
  );
}

function Quality({ quality }) {
  if (!quality) return null;
  const reasons = Object.entries(quality.rejectReasons ?? {});
  return (
    <>
      <dt>Rows read</dt>
      <dd>{quality.rowsRead ?? '–'}</dd>
      <dt>Rows rejected</dt>
      <dd>
        {quality.rowsRejected ?? 0}
        {reasons.length ? ` (${reasons.map(([r, n]) => `${r}: ${n}`).join(', ')})` : ''}
      </dd>
    </>
  );
}

export function JobScreen({ me, jobId }) {
  const job = useAsync(() => api(`/status/${encodeURIComponent(jobId)}`), [jobId]);
  const [live, setLive] = useState([]);
  const { busy, problem, setProblem, run } = useAction();
  const [confirm, setConfirm] = useState(null);
  const [deleted, setDeleted] = useState(false);
  const canAct = hasRole(me, 'member', 'service', 'admin', 'owner');

  useEffect(() => {
    setLive([]);
    setDeleted(false);
    setProblem(null);
    setConfirm(null);
    let timer = 0;
    const stop = onLive((message) => {
      if (message.jobId !== jobId || !message.type?.startsWith('job.')) return;
      const d = message.data ?? {};
      setLive((l) => [...l, { seq: message.seq, at: message.at, ...d }]);
      if (message.type === 'job.deleted') {
        setDeleted(true);
        return;
      }
      job.setData((j) =>
        j
          ? {
              ...j,
              state: d.state ?? j.state,
              progress: { ...(j.progress ?? {}), percent: d.percent ?? (d.state === 'COMPLETED' ? 100 : j.progress?.percent), step: d.step ?? j.progress?.step, message: d.message ?? j.progress?.message },
            }
          : j,
      );
      // Steps, classification, result and error come with the full view: read it once things settle
      // (a worker's percentages alone change nothing else).
      if (message.type === 'job.progress') return;
      clearTimeout(timer);
      timer = setTimeout(() => api(`/status/${encodeURIComponent(jobId)}`).then((j) => job.setData(j), () => {}), 250);
    });
    return () => (stop(), clearTimeout(timer));
  }, [jobId]);

  const act = async (what) => {
    await run(what, async () => {
      if (what === 'cancel') job.setData(await api(`/jobs/${jobId}/cancel`, { method: 'POST' }) ?? job.data);
      if (what === 'retry') job.setData(await api(`/jobs/${jobId}/retry`, { method: 'POST' }) ?? job.data);
      if (what === 'delete') {
        await api(`/jobs/${jobId}`, { method: 'DELETE' });
        setDeleted(true);
      }
      if (what !== 'delete') job.reload();
    });
    setConfirm(null);
  };

  const back = (
    <p>
      <a href={link('jobs')}>← All jobs</a>
    </p>
  );
  if (deleted) {
    return (
      <section>
        {back}
        <h1>Job deleted</h1>
        <p role="status">This job and its records were deleted.</p>
      </section>
    );
  }
  if (job.problem && !job.data) {
    const p = job.problem;
    const shown =
      p.status === 404
        ? { ...p, title: 'Job not found', detail: `There is no job ${jobId} in your tenant: it was deleted, or the link belongs to another tenant.` }
        : p;
    return (
      <section>
        {back}
        <h1>Job</h1>
        <ProblemView problem={shown} />
      </section>
    );
  }
  if (!job.data) return <Loading what="Loading the job" />;
  const j = job.data;
  const finished = FINISHED.includes(j.state);
  const percent = j.progress?.percent ?? (j.state === 'COMPLETED' ? 100 : null);
  const metadata = Object.entries(j.metadata ?? {});

  return (
    <section class="job" aria-labelledby="job-title">
      {back}
      <h1 id="job-title" class="job-title">
        <span class="job-name">{j.filename}</span> <StateBadge state={j.state} />
      </h1>
      <div class="job-progress" role="status" aria-live="polite">
        <ProgressBar value={percent ?? undefined} label="Job progress" />
        <span>
          {percent !== null && percent !== undefined ? `${percent} %` : ''}
          {j.progress?.step ? ` · ${j.progress.step}` : ''}
          {j.progress?.message && !finished ? ` · ${j.progress.message}` : ''}
        </span>
      </div>
      {canAct ? (
        <div class="actions">
          {!finished ? (
            <button type="button" onClick={() => setConfirm('cancel')} disabled={!!busy}>
              Cancel job
            </button>
          ) : null}
          {RETRYABLE.includes(j.state) ? (
            <button type="button" onClick={() => act('retry')} disabled={!!busy}>
              {busy === 'retry' ? 'Retrying…' : 'Retry job'}
            </button>
          ) : null}
          <button type="button" class="danger" onClick={() => setConfirm('delete')} disabled={!!busy}>
            Delete job
          </button>
        </div>
      ) : null}
      <ProblemView problem={problem} onDismiss={() => setProblem(null)} />
      <ConfirmDialog
        open={!!confirm}
        title={confirm === 'delete' ? 'Delete this job?' : 'Cancel this job?'}
        confirmLabel={confirm === 'delete' ? 'Delete job' : 'Cancel job'}
        busy={!!busy}
        onCancel={() => setConfirm(null)}
        onConfirm={() => act(confirm)}
      >
        <p>
          {confirm === 'delete'
            ? 'The job, its records and its file (unless another job has the same bytes) are removed for good.'
            : 'A running parse is stopped; you can retry the job later.'}
        </p>
      </ConfirmDialog>

      <div class="job-grid">
        <section aria-labelledby="facts-title">
          <h2 id="facts-title">Details</h2>
          <dl class="facts">
            <dt>Job id</dt>
            <dd class="mono">{j.id}</dd>
            <dt>Format</dt>
            <dd>
              {j.file?.format ?? '–'} {j.file?.mimeType ? <span class="muted">({j.file.mimeType})</span> : null}
            </dd>
            <dt>Size</dt>
            <dd>{formatBytes(j.file?.size)}</dd>
            <dt>Priority</dt>
            <dd>
              {j.priority}
              {j.queuePriority !== undefined ? <span class="muted"> (queue band {j.queuePriority})</span> : null}
            </dd>
            <dt>Attempts</dt>
            <dd>{j.attempts}</dd>
            <dt>Submitted by</dt>
            <dd>{j.submittedBy ?? '–'}</dd>
            <dt>Submitted</dt>
            <dd>
              <Time at={j.createdAt} />
            </dd>
            {j.finishedAt ? (
              <>
                <dt>Finished</dt>
                <dd>
                  <Time at={j.finishedAt} />
                </dd>
              </>
            ) : null}
            {j.performance ? (
              <>
                <dt>Queue wait / processing</dt>
                <dd>
                  {formatDuration(j.performance.queueWaitSeconds)} / {formatDuration(j.performance.processingSeconds)}
                </dd>
              </>
            ) : null}
            {j.recordCount !== undefined && j.recordCount !== null ? (
              <>
                <dt>Records</dt>
                <dd>{j.recordCount}</dd>
              </>
            ) : null}
            <Quality quality={j.result?.quality} />
            {j.scheduleAt && ['SCHEDULED', 'WAITING'].includes(j.state) ? (
              <>
                <dt>Scheduled for</dt>
                <dd>
                  <Time at={j.scheduleAt} />
                </dd>
              </>
            ) : null}
            {j.dependsOn?.length ? (
              <>
                <dt>Waits for</dt>
                <dd>
                  <ul class="plain">
                    {j.dependsOn.map((d) => (
                      <li key={d.jobId}>
                        <a href={link('jobs', d.jobId)}>{d.jobId}</a> {d.outcome ? `(${d.outcome})` : '(not finished)'}
                      </li>
                    ))}
                  </ul>
                  <span class="muted">if one fails: {j.onDependencyFailure ?? 'fail'}</span>
                </dd>
              </>
            ) : null}
            {j.duplicateOf ? (
              <>
                <dt>Same file as</dt>
                <dd>
                  <a href={link('jobs', j.duplicateOf.jobId)}>an earlier job</a>
                </dd>
              </>
            ) : null}
            {metadata.length ? (
              <>
                <dt>Metadata</dt>
                <dd>
                  <dl class="metadata">
                    {metadata.map(([k, v]) => (
                      <div key={k}>
                        <dt>{k}</dt>
                        <dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
                      </div>
                    ))}
                  </dl>
                </dd>
              </>
            ) : null}
          </dl>
        </section>
        <section aria-labelledby="steps-title">
          <h2 id="steps-title">Steps</h2>
          <Steps steps={j.steps} />
        </section>
      </div>
      <ErrorPanel error={j.error} />
      <Classification job={j} />
      {j.state === 'COMPLETED' ? <ResultPreview key={j.id} job={j} /> : null}
      {hasRole(me, 'admin', 'owner') ? <Deliveries jobId={jobId} events={live.length} /> : null}
      <History jobId={jobId} live={live} />
    </section>
  );
}
