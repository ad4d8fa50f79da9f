// The jobs by mapping state, oldest first; the pending ones come and go live (job events over the
// tenant's WebSocket), without polling.
import { useEffect, useRef } from 'preact/hooks';
import { onLive } from '../../live.js';
import { link, useRoute } from '../../router.js';
import { Loading, ProblemView, StateBadge, Time, usePages, LoadMore } from '../../ui.jsx';

const STATES = [
  ['pending', 'Waiting'],
  ['approved', 'Approved'],
  ['rejected', 'Rejected'],
];

export function formatConfidence(value) {
  return value === null || value === undefined ? '–' : `${Math.round(value * 100)} %`;
}

export function MappingQueue({ me }) {
  const route = useRoute();
  const state = STATES.some(([s]) => s === route.query.state) ? route.query.state : 'pending';
  const { items, next, problem, loadingMore, loadMore: more, reload } = usePages('/mapping', { state, limit: 50 });
  const listed = useRef(new Set());

  useEffect(() => {
    listed.current = new Set((items ?? []).map((i) => i.jobId));
  }, [items]);

  // A job entering or leaving NEEDS_MAPPING, or any change of a listed job, reloads the first page.
  useEffect(() => {
    let timer = null;
    const stop = onLive((m) => {
      if (!m.type?.startsWith('job.')) return;
      const relevant =
        m.type === 'job.needs_mapping' ||
        m.data?.state === 'NEEDS_MAPPING' ||
        m.data?.from === 'NEEDS_MAPPING' ||
        listed.current.has(m.jobId);
      if (!relevant) return;
      clearTimeout(timer);
      timer = setTimeout(reload, 300);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, []);

  return (
    <section class="mapping-queue" aria-labelledby="mapping-title">
      <h1 id="mapping-title">Mapping</h1>
      <p class="muted">
        Files no template reads with enough confidence wait here for a person to map their columns
        {me.roles?.includes('viewer') && !me.roles.some((r) => ['member', 'admin', 'owner'].includes(r))
          ? '. You can look at them; members map and admins approve.'
          : '; an admin approves the mapping and may save it as a template.'}
      </p>
      <nav aria-label="Mapping state" class="tabs">
        <ul>
          {STATES.map(([s, label]) => (
            <li key={s}>
              <a href={link('mapping', { state: s === 'pending' ? '' : s })} aria-current={s === state ? 'page' : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ProblemView problem={problem} />
      {items === null ? (
        problem ? null : <Loading what="Loading the queue" />
      ) : (
        <>
          <p role="status" aria-live="polite" class="queue-count">
            {state === 'pending'
              ? items.length === 0
                ? 'No job waits for a mapping.'
                : `${items.length}${next ? '+' : ''} ${items.length === 1 ? 'job waits' : 'jobs wait'} for a mapping.`
              : `${items.length}${next ? '+' : ''} ${state} ${items.length === 1 ? 'mapping' : 'mappings'}.`}
          </p>
          {items.length ? (
            <div class="table-wrap" role="region" aria-label="Jobs by mapping state" tabIndex={0}>
              <table>
                <caption class="sr-only">Jobs by mapping state, oldest first</caption>
                <thead>
                  <tr>
                    <th scope="col">File</th>
                    <th scope="col">Mapping</th>
                    <th scope="col">Job</th>
                    <th scope="col">Format</th>
                    <th scope="col" class="num">Confidence</th>
                    <th scope="col">Submitted by</th>
                    <th scope="col">Received</th>
                    <th scope="col">Last change</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item.jobId}>
                      <td class="file-cell">
                        <a href={link('mapping', item.jobId)}>{item.filename || item.jobId}</a>
                      </td>
                      <td>
                        <StateBadge state={item.state} />
                      </td>
                      <td>
                        <StateBadge state={item.jobState} />
                      </td>
                      <td>
                        {item.format}
                        {item.layout ? <span class="muted"> · {item.layout}</span> : null}
                      </td>
                      <td class="num">{formatConfidence(item.confidence)}</td>
                      <td>{item.submittedBy ?? '–'}</td>
                      <td>
                        <Time at={item.createdAt} />
                      </td>
                      <td>
                        <Time at={item.updatedAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <LoadMore pages={{ next, loadingMore, loadMore: more }} />
        </>
      )}
    </section>
  );
}
