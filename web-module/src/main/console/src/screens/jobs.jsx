// The tenant's jobs: a table that keeps itself current from the WebSocket (new jobs appear, states and
// progress move; no polling), filtered and searched as GET /jobs allows (the filters live in the hash so a
// link shares them), paged by cursor as the table scrolls and rendered virtually (only the rows in view
// are in the DOM, so ten thousand loaded rows stay smooth), with a multi-select for bulk actions.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { onLive } from '../live.js';
import { link, navigate } from '../router.js';
import { formatTime, hasRole, ProblemView, ProgressBar, StateBadge } from '../ui.jsx';
import { BulkBar } from './jobs/bulk.jsx';
import { apiQuery, filtersOf, FORMATS, formatConfidence, slim, SORTS, STATES } from './jobs/model.js';
import './jobs.css';

const PAGE = 200;
const ROW_HEIGHT = 44;
const OVERSCAN = 8;
const MAX_ROWS = 10_000;
const SHORT = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });
const MORE = ['template', 'createdFrom', 'createdTo', 'submittedBy', 'needsMapping', 'errorCategory', 'sort'];

/** The filter form; submitting it puts the filters in the hash (a shareable link). */
function Filters({ filters, me }) {
  const [form, setForm] = useState(filters);
  useEffect(() => setForm(filters), [JSON.stringify(filters)]);
  const set = (name) => (e) => setForm((f) => ({ ...f, [name]: e.currentTarget.value }));
  const apply = (e) => {
    e.preventDefault();
    navigate(link('jobs', form));
  };
  const mine = me.subject ? `user:${me.subject}` : null;
  return (
    <form class="jobs-filters" role="search" aria-label="Filter jobs" onSubmit={apply}>
      <div class="f-q">
        <label for="f-q">Search</label>
        <input id="f-q" type="search" value={form.q ?? ''} onInput={set('q')} placeholder="file name or metadata" />
      </div>
      <div>
        <label for="f-state">State</label>
        <select id="f-state" value={form.state ?? ''} onChange={set('state')}>
          <option value="">Any</option>
          <option value="WAITING,SCHEDULED,QUEUED,RUNNING">Not finished</option>
          <option value="FAILED,DEAD_LETTERED">Failed or dead-lettered</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s.replaceAll('_', ' ').toLowerCase()}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-format">Format</label>
        <select id="f-format" value={form.format ?? ''} onChange={set('format')}>
          <option value="">Any</option>
          {FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-priority">Priority</label>
        <select id="f-priority" value={form.priority ?? ''} onChange={set('priority')}>
          <option value="">Any</option>
          {[9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((p) => (
            <option key={p} value={String(p)}>
              {p}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="f-filename">File name contains</label>
        <input id="f-filename" value={form.filename ?? ''} onInput={set('filename')} />
      </div>
      <details class="more-filters" open={MORE.some((n) => filters[n])}>
        <summary>More filters</summary>
        <div class="more-grid">
      <div>
        <label for="f-template">Template</label>
        <input id="f-template" value={form.template ?? ''} onInput={set('template')} />
      </div>
      <div>
        <label for="f-from">Created from</label>
        <input id="f-from" type="date" value={form.createdFrom ?? ''} onInput={set('createdFrom')} />
      </div>
      <div>
        <label for="f-to">Created to</label>
        <input id="f-to" type="date" value={form.createdTo ?? ''} onInput={set('createdTo')} />
      </div>
      <div>
        <label for="f-by">Submitted by</label>
        <input id="f-by" value={form.submittedBy ?? ''} onInput={set('submittedBy')} placeholder="user:… or api-key:…" />
      </div>
      <div>
        <label for="f-mapping">Mapping</label>
        <select id="f-mapping" value={form.needsMapping ?? ''} onChange={set('needsMapping')}>
          <option value="">Any</option>
          <option value="true">Needed a person</option>
          <option value="false">Matched without one</option>
        </select>
      </div>
      <div>
        <label for="f-error">Error category</label>
        <input id="f-error" value={form.errorCategory ?? ''} onInput={set('errorCategory')} placeholder="BadFile, …" />
      </div>
      <div>
        <label for="f-sort">Order</label>
        <select id="f-sort" value={form.sort ?? ''} onChange={set('sort')}>
          {SORTS.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      </div>
        </div>
      </details>
      <div class="actions jobs-filter-actions">
        <button type="submit" class="primary">
          Apply filters
        </button>
        {mine ? (
          <button type="button" onClick={() => navigate(link('jobs', { ...filters, submittedBy: mine }))}>
            My jobs
          </button>
        ) : null}
        <button type="button" onClick={() => navigate(link('jobs'))} disabled={!Object.keys(filters).length}>
          Clear filters
        </button>
      </div>
    </form>
  );
}

export function JobsScreen({ me, query = {} }) {
  const filters = filtersOf(query);
  const key = JSON.stringify(filters);
  const store = useRef({ ids: [], byId: new Map() });
  const [version, setVersion] = useState(0);
  const [page, setPage] = useState({ next: null, total: null, loading: true, problem: null, ended: false });
  const [selected, setSelected] = useState(new Set());
  const [newer, setNewer] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const scroller = useRef(null);
  const loading = useRef(false);
  const generation = useRef(0);
  const frame = useRef(0);
  const canAct = hasRole(me, 'member', 'service', 'admin', 'owner');

  // Several live changes in one frame re-render once.
  const bump = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      setVersion((v) => v + 1);
    });
  }, []);

  const merge = (jobs, where = 'end') => {
    const s = store.current;
    const fresh = [];
    for (const job of jobs) {
      const row = slim(job);
      if (s.byId.has(row.id)) s.byId.set(row.id, { ...s.byId.get(row.id), ...row });
      else {
        s.byId.set(row.id, row);
        fresh.push(row.id);
      }
    }
    s.ids = where === 'start' ? [...fresh, ...s.ids] : [...s.ids, ...fresh];
    bump();
    return fresh.length;
  };

  const remove = (gone) => {
    const s = store.current;
    const present = gone.filter((id) => s.byId.delete(id));
    if (!present.length) return;
    const set = new Set(present);
    s.ids = s.ids.filter((id) => !set.has(id));
    setPage((p) => ({ ...p, total: p.total === null || p.total === undefined ? p.total : Math.max(0, p.total - present.length) }));
    bump();
  };

  const loadPage = useCallback(
    async (cursor) => {
      if (loading.current) return;
      loading.current = true;
      const mine = generation.current;
      setPage((p) => ({ ...p, loading: true, problem: null }));
      try {
        const answer = await api('/jobs', { query: { ...apiQuery(filters), limit: PAGE, cursor, total: cursor ? undefined : 'true' } });
        if (mine !== generation.current) return;
        merge(answer.items);
        const ended = !answer.next || store.current.ids.length >= MAX_ROWS;
        setPage((p) => ({ next: answer.next ?? null, total: answer.total ?? p.total, loading: false, problem: null, ended }));
      } catch (problem) {
        if (mine === generation.current) setPage((p) => ({ ...p, loading: false, problem }));
      } finally {
        if (mine === generation.current) loading.current = false;
      }
    },
    [key],
  );

  // A new filter set starts over.
  const restart = () => {
    generation.current++;
    loading.current = false;
    store.current = { ids: [], byId: new Map() };
    setSelected(new Set());
    setNewer(0);
    setPage({ next: null, total: null, loading: true, problem: null, ended: false });
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
    loadPage(null);
  };
  useEffect(restart, [key]);

  // Live: states and progress move, new jobs appear, deleted ones go.
  const pendingNew = useRef({ since: null, timer: 0 });
  const refreshing = useRef(new Set());
  useEffect(() => {
    const defaultOrder = !filters.sort;
    const fetchNew = () => {
      const since = pendingNew.current.since;
      pendingNew.current = { since: null, timer: 0 };
      const from = new Date(new Date(since).getTime() - 5000).toISOString();
      const mine = generation.current;
      const query = apiQuery(filters);
      api('/jobs', { query: { ...query, createdFrom: query.createdFrom && query.createdFrom > from ? query.createdFrom : from, limit: PAGE } }).then(
        (answer) => {
          if (mine !== generation.current) return;
          const known = store.current.byId;
          const fresh = answer.items.filter((j) => !known.has(j.id));
          if (!fresh.length) return;
          merge(fresh, 'start');
          setPage((p) => ({ ...p, total: p.total === null ? null : p.total + fresh.length }));
        },
        () => {},
      );
    };
    const refresh = (jobId) => {
      if (refreshing.current.has(jobId)) return;
      refreshing.current.add(jobId);
      setTimeout(() => {
        refreshing.current.delete(jobId);
        api(`/status/${jobId}`).then(
          (job) => {
            if (store.current.byId.has(jobId)) {
              store.current.byId.set(jobId, { ...store.current.byId.get(jobId), ...slim(job) });
              bump();
            }
          },
          () => {},
        );
      }, 300);
    };
    return onLive((message) => {
      if (!message.type?.startsWith('job.')) return;
      const { jobId, data = {} } = message;
      const s = store.current;
      if (message.type === 'job.created') {
        if (s.byId.has(jobId)) return;
        if (defaultOrder) {
          if (!pendingNew.current.since || message.at < pendingNew.current.since) pendingNew.current.since = message.at;
          if (!pendingNew.current.timer) pendingNew.current.timer = setTimeout(fetchNew, 400);
        } else setNewer((n) => n + 1);
        return;
      }
      if (!s.byId.has(jobId)) return;
      if (message.type === 'job.deleted') {
        remove([jobId]);
        setSelected((sel) => (sel.has(jobId) ? new Set([...sel].filter((id) => id !== jobId)) : sel));
        return;
      }
      const row = s.byId.get(jobId);
      const next = { ...row };
      if (data.state) next.state = data.state;
      if (data.percent !== undefined && data.percent !== null) next.percent = data.percent;
      if (data.step) next.step = data.step;
      if (data.state === 'COMPLETED') next.percent = 100;
      s.byId.set(jobId, next);
      bump();
      // What an event does not carry (the format, the matched template, the confidence) is read once more.
      if (['job.completed', 'job.needs_mapping', 'job.failed', 'job.retried', 'job.queued'].includes(message.type) || (data.state && !row.format)) {
        refresh(jobId);
      }
    });
  }, [key]);

  // The viewport's height (the table scrolls inside its own box).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight || 600);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const ids = store.current.ids;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(ids.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);

  // The next page loads as the end comes into view.
  useEffect(() => {
    if (!page.loading && !page.problem && page.next && !page.ended && last >= ids.length - OVERSCAN) loadPage(page.next);
  }, [last, ids.length, page.next, page.loading, page.ended]);

  const onScroll = (e) => {
    const top = e.currentTarget.scrollTop;
    requestAnimationFrame(() => setScrollTop(top));
  };

  const toggle = (id) =>
    setSelected((sel) => {
      const next = new Set(sel);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allSelected = ids.length > 0 && selected.size === ids.length;
  const toggleAll = () => setSelected(allSelected ? new Set() : new Set(ids));

  const nameOf = (id) => store.current.byId.get(id)?.filename ?? id;
  const onBulkDone = (op) => {
    const done = (op.items ?? []).filter((item) => item.outcome === 'done');
    if (op.action === 'delete') remove(done.map((item) => item.jobId));
    else for (const item of done) {
      if (item.state && store.current.byId.has(item.jobId)) {
        store.current.byId.set(item.jobId, { ...store.current.byId.get(item.jobId), state: item.state });
      }
    }
    setSelected(new Set());
    bump();
  };

  const rows = ids.slice(first, last).map((id, i) => {
    const job = store.current.byId.get(id);
    const index = first + i;
    const moving = ['RECEIVED', 'SCANNING', 'QUEUED', 'RUNNING', 'COMPLETED'].includes(job.state);
    return (
      <tr key={id} aria-rowindex={index + 2} class={selected.has(id) ? 'selected' : undefined}>
        {canAct ? (
          <td class="c-select">
            <input type="checkbox" checked={selected.has(id)} onChange={() => toggle(id)} aria-label={`Select ${job.filename}`} />
          </td>
        ) : null}
        <td class="c-name">
          <a href={link('jobs', id)} title={job.filename}>
            {job.filename}
          </a>
        </td>
        <td>
          <StateBadge state={job.state} />
        </td>
        <td class="c-progress">
          {moving ? (
            <span class="progress-cell">
              <ProgressBar value={job.percent ?? undefined} label={`Progress of ${job.filename}`} />
              <span class="num">{job.percent === null || job.percent === undefined ? '' : `${job.percent} %`}</span>
            </span>
          ) : (
            '–'
          )}
        </td>
        <td>{job.format ?? '–'}</td>
        <td class="c-template" title={job.template ?? job.layout ?? ''}>
          {job.template ? `${job.template}${job.templateVersion ? ` v${job.templateVersion}` : ''}` : job.layout ?? '–'}
        </td>
        <td class="num">{formatConfidence(job.confidence)}</td>
        <td class="num">{job.priority}</td>
        <td class="c-by" title={job.submittedBy}>
          {job.submittedBy ?? '–'}
        </td>
        <td class="c-time">
          <time dateTime={job.createdAt} title={formatTime(job.createdAt)}>
            {job.createdAt ? SHORT.format(new Date(job.createdAt)) : '–'}
          </time>
        </td>
      </tr>
    );
  });
  const columns = canAct ? 10 : 9;

  return (
    <section class="jobs" aria-labelledby="jobs-title">
      <h1 id="jobs-title">Jobs</h1>
      <Filters filters={filters} me={me} />
      {canAct ? <BulkBar selected={selected} filters={filters} total={page.total} nameOf={nameOf} onClear={() => setSelected(new Set())} onChanged={onBulkDone} /> : null}
      <div class="jobs-summary">
        <p role="status" aria-live="polite">
          {page.loading && !ids.length
            ? 'Loading jobs…'
            : `${ids.length.toLocaleString()} ${ids.length === 1 ? 'job' : 'jobs'} loaded${page.total !== null && page.total !== undefined ? ` of ${page.total.toLocaleString()}` : ''}${page.loading ? ', loading more…' : ''}`}
        </p>
        {newer ? (
          <button type="button" onClick={restart}>
            {newer} new {newer === 1 ? 'job' : 'jobs'}: show
          </button>
        ) : null}
      </div>
      <ProblemView problem={page.problem} />
      <div class="table-wrap jobs-scroll" ref={scroller} onScroll={onScroll} tabIndex={0} role="region" aria-label="Jobs table, scrollable">
        <table class="jobs-table" aria-rowcount={(page.total ?? ids.length) + 1} data-version={version}>
          <thead>
            <tr aria-rowindex={1}>
              {canAct ? (
                <th class="c-select" scope="col">
                  <input type="checkbox" checked={allSelected} onChange={toggleAll} aria-label="Select every loaded job" />
                </th>
              ) : null}
              <th scope="col" class="c-name">File</th>
              <th scope="col" class="c-state">State</th>
              <th scope="col" class="c-progress">Progress</th>
              <th scope="col" class="c-format">Format</th>
              <th scope="col" class="c-template">Template</th>
              <th scope="col" class="num c-conf">
                Confidence
              </th>
              <th scope="col" class="num c-prio">
                Priority
              </th>
              <th scope="col" class="c-by">Submitted by</th>
              <th scope="col" class="c-time">Submitted</th>
            </tr>
          </thead>
          <tbody>
            {first > 0 ? <tr class="spacer" aria-hidden="true" style={{ height: `${first * ROW_HEIGHT}px` }} /> : null}
            {rows}
            {last < ids.length ? <tr class="spacer" aria-hidden="true" style={{ height: `${(ids.length - last) * ROW_HEIGHT}px` }} /> : null}
            {!ids.length && !page.loading ? (
              <tr>
                <td colSpan={columns} class="muted">
                  No job matches these filters.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {page.next && !page.ended ? (
        <div class="actions">
          <button type="button" onClick={() => loadPage(page.next)} disabled={page.loading}>
            Load {PAGE} more
          </button>
        </div>
      ) : page.ended && page.next ? (
        <p class="muted">The table holds at most {MAX_ROWS.toLocaleString()} jobs: narrow the filters to see others.</p>
      ) : null}
    </section>
  );
}
