// A job's result: the first records as a table, paged by the API's cursor, and downloads of every record
// as CSV or NDJSON (the pages followed through their Link headers and joined into one file).
import { useState } from 'preact/hooks';
import { api, apiResponse, saveFile } from '../../api.js';
import { Loading, ProblemView, ProgressBar, useAsync } from '../../ui.jsx';

const PREVIEW_ROWS = 25;
const DOWNLOAD_PAGE = 1000;

function cell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function nextCursor(response) {
  const header = response.headers.get('Link') ?? '';
  const match = header.match(/<([^>]+)>\s*;\s*rel="?next"?/);
  if (!match) return null;
  return new URL(match[1], location.origin).searchParams.get('cursor');
}

/** Fetches every page of the result in one format and saves it as one file. */
async function downloadAll(jobId, kind, filename, onProgress) {
  const accept = kind === 'csv' ? 'text/csv' : 'application/x-ndjson';
  const parts = [];
  let cursor;
  let pages = 0;
  do {
    const response = await apiResponse(`/jobs/${jobId}/result`, { accept, query: { limit: DOWNLOAD_PAGE, cursor } });
    let text = await response.text();
    if (kind === 'csv' && pages > 0) text = text.substring(text.indexOf('\n') + 1); // one header only
    if (text && !text.endsWith('\n')) text += '\n';
    parts.push(text);
    pages++;
    onProgress(pages);
    cursor = nextCursor(response);
  } while (cursor);
  saveFile(new Blob(parts, { type: accept }), filename);
}

export function ResultPreview({ job }) {
  const [cursors, setCursors] = useState([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useAsync(() => api(`/jobs/${job.id}/result`, { query: { limit: PREVIEW_ROWS, cursor } }), [job.id, cursor]);
  const [saving, setSaving] = useState(null);
  const [problem, setProblem] = useState(null);
  const base = (job.filename ?? 'result').replace(/\.[^.]*$/, '') || 'result';
  const total = job.recordCount ?? null;

  const save = async (kind) => {
    setProblem(null);
    setSaving({ kind, pages: 0 });
    try {
      await downloadAll(job.id, kind, `${base}.${kind === 'csv' ? 'csv' : 'ndjson'}`, (pages) => setSaving({ kind, pages }));
    } catch (p) {
      setProblem(p);
    } finally {
      setSaving(null);
    }
  };

  const fields = job.result?.fields?.map((f) => f.name) ?? Object.keys(page.data?.items?.[0] ?? {});
  const pageIndex = cursors.length - 1;
  return (
    <section aria-labelledby="result-title">
      <h2 id="result-title">Result</h2>
      <div class="actions">
        <button type="button" onClick={() => save('csv')} disabled={!!saving}>
          Download CSV
        </button>
        <button type="button" onClick={() => save('ndjson')} disabled={!!saving}>
          Download NDJSON
        </button>
      </div>
      {saving ? (
        <div role="status" class="result-saving">
          <p>
            Preparing the {saving.kind.toUpperCase()} file: {Math.min(saving.pages * DOWNLOAD_PAGE, total ?? Infinity)}
            {total !== null ? ` of ${total}` : ''} records…
          </p>
          {total ? <ProgressBar value={Math.min(100, (saving.pages * DOWNLOAD_PAGE * 100) / total)} label="Download progress" /> : null}
        </div>
      ) : null}
      <ProblemView problem={problem} onDismiss={() => setProblem(null)} />
      <ProblemView problem={page.problem} />
      {page.loading && !page.data ? <Loading what="Loading the records" /> : null}
      {page.data ? (
        <>
          <p class="muted">
            Records {pageIndex * PREVIEW_ROWS + 1}–{pageIndex * PREVIEW_ROWS + page.data.items.length}
            {total !== null ? ` of ${total}` : ''}
          </p>
          <div class="table-wrap result-wrap" tabIndex={0} role="region" aria-label="Result records, scrollable">
            <table class="result-table">
              <thead>
                <tr>
                  <th scope="col" class="num">
                    #
                  </th>
                  {fields.map((f) => (
                    <th key={f} scope="col">
                      {f}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.data.items.map((record, i) => (
                  <tr key={i}>
                    <td class="num">{pageIndex * PREVIEW_ROWS + i + 1}</td>
                    {fields.map((f) => (
                      <td key={f}>{cell(record[f])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="actions">
            <button type="button" disabled={cursors.length < 2 || page.loading} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Previous records
            </button>
            <button type="button" disabled={!page.data.next || page.loading} onClick={() => setCursors((c) => [...c, page.data.next])}>
              Next records
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
