// Upload: files dropped or picked go up over tus (resumable), each with its progress, speed and time
// left; pause, resume and cancel; refusals as the server put them; the job each file became.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { onLive } from '../live.js';
import { link } from '../router.js';
import { ProblemView, ProgressBar, StateBadge, formatBytes, formatDuration, hasRole } from '../ui.jsx';
import { BatchOptions, DEFAULT_OPTIONS, batchOptions, describeOptions, useTemplates } from './upload/options.jsx';
import {
  FINISHED,
  STATE_LABELS,
  addFiles,
  cancel,
  clearFinished,
  discardStored,
  forgetStored,
  pause,
  resume,
  setCaller,
  storedUploads,
  subscribe,
} from './upload/uploads.js';
import './upload.css';

export function UploadScreen({ me }) {
  setCaller(me);
  if (!hasRole(me, 'member', 'service', 'admin', 'owner')) {
    return (
      <ProblemView
        problem={{ title: 'Uploading is not for your role', detail: 'Viewers read jobs and results; a member of your tenant can upload.', code: 'forbidden' }}
      />
    );
  }
  return <Uploader me={me} />;
}

function Uploader() {
  const [items, setItems] = useState([]);
  const [form, setForm] = useState(DEFAULT_OPTIONS);
  const [optionsError, setOptionsError] = useState(null);
  const [dragging, setDragging] = useState(false);
  const templates = useTemplates();

  useEffect(() => subscribe(setItems), []);

  const add = (fileList) => {
    const files = [...(fileList ?? [])];
    if (!files.length) return;
    const { options, error } = batchOptions(form);
    setOptionsError(error ?? null);
    if (error) return;
    addFiles(files, options);
  };

  // A drop that misses the drop zone adds the files too, rather than making the browser open them.
  const addRef = useRef(add);
  addRef.current = add;
  useEffect(() => {
    const over = (e) => e.preventDefault();
    const drop = (e) => {
      if (e.defaultPrevented) return;
      e.preventDefault();
      addRef.current(e.dataTransfer?.files);
    };
    addEventListener('dragover', over);
    addEventListener('drop', drop);
    return () => {
      removeEventListener('dragover', over);
      removeEventListener('drop', drop);
    };
  }, []);

  const onDrop = (e) => {
    e.preventDefault();
    setDragging(false);
    add(e.dataTransfer?.files);
  };
  const onDragOver = (e) => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };

  const finished = items.filter((i) => FINISHED.has(i.state)).length;
  const done = items.filter((i) => i.state === 'done').length;
  const refused = items.filter((i) => i.state === 'refused').length;

  return (
    <div class="upload-screen">
      <h1>Upload</h1>
      <p class="muted upload-intro">
        PDF, CSV and CDR call records, recognised by their content. Each file goes up in resumable pieces: pause it, lose the network or reload
        the page, and pick the same file again to carry on where it stopped.
      </p>
      <BatchOptions form={form} setForm={setForm} templates={templates} error={optionsError} />
      <section
        class={`dropzone${dragging ? ' dropzone-active' : ''}`}
        aria-labelledby="dropzone-title"
        onDragOver={onDragOver}
        onDragEnter={onDragOver}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <h2 id="dropzone-title">Drop files here</h2>
        <p class="muted">or choose them (several at once are fine):</p>
        <label for="upload-files" class="upload-choose">
          Choose files
        </label>
        <input
          id="upload-files"
          type="file"
          multiple
          onChange={(e) => {
            add(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </section>
      <StoredUploads items={items} />
      <section aria-labelledby="uploads-title" class="uploads">
        <div class="uploads-head">
          <h2 id="uploads-title">Files</h2>
          {finished ? (
            <button type="button" onClick={clearFinished}>
              Clear finished
            </button>
          ) : null}
        </div>
        <p class="muted" role="status" aria-live="polite">
          {items.length
            ? `${done} of ${items.length} ${items.length === 1 ? 'file' : 'files'} uploaded${refused ? `, ${refused} refused` : ''}`
            : 'No files yet.'}
        </p>
        {items.length ? (
          <ul class="upload-list">
            {items.map((item) => (
              <UploadItem key={item.key} item={item} templates={templates.data} />
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}

function UploadItem({ item, templates }) {
  const percent = item.size ? Math.floor((item.sent / item.size) * 100) : item.state === 'done' ? 100 : 0;
  const running = ['starting', 'uploading', 'retrying', 'checking', 'waiting'].includes(item.state);
  const canPause = ['starting', 'uploading', 'retrying', 'waiting'].includes(item.state);
  const canResume = ['paused', 'failed'].includes(item.state);
  const canCancel = !FINISHED.has(item.state) && item.state !== 'cancelling' && item.state !== 'checking';
  const duplicate = item.job?.duplicateOf;
  return (
    <li class={`upload-item upload-${item.state}`} data-state={item.state}>
      <div class="upload-item-head">
        <span class="upload-name">{item.name}</span>
        <span class="muted upload-size">{formatBytes(item.size)}</span>
        <span class={`upload-state upload-state-${item.state}`}>
          {STATE_LABELS[item.state]}
          {item.state === 'retrying' && item.attempt ? ` (attempt ${item.attempt})` : ''}
        </span>
      </div>
      {item.state !== 'refused' && item.state !== 'cancelled' ? <ProgressBar value={percent} label={`Upload of ${item.name}`} /> : null}
      <p class="upload-stats">
        {item.state === 'done' ? (
          <>{formatBytes(item.size)} sent</>
        ) : (
          <>
            {formatBytes(item.sent)} of {formatBytes(item.size)} ({percent}%)
            {running && item.speed ? <> · {formatBytes(item.speed)}/s</> : null}
            {running && item.state === 'uploading' && item.eta !== null ? <> · {formatDuration(item.eta)} left</> : null}
          </>
        )}
        {item.resumedFrom ? <> · resumed at {formatBytes(item.resumedFrom)}</> : null}
      </p>
      {item.state === 'checking' ? <p class="muted">All bytes are in; the server is scanning and checking the file.</p> : null}
      <p class="muted upload-opts">{describeOptions(item.options, templates)}</p>
      {item.problem ? <ProblemView problem={item.problem} /> : null}
      {item.state === 'done' && item.jobId ? (
        <div class="upload-result">
          <p>
            <a href={link('jobs', item.jobId)}>
              Job <span class="upload-id">{item.jobId}</span>
            </a>{' '}
            {item.job?.state ? <StateBadge state={item.job.state} /> : null}
          </p>
          {item.sha256 ? (
            <p class="muted upload-sha">
              SHA-256 <code>{item.sha256}</code>
            </p>
          ) : null}
          {duplicate ? (
            <p class="upload-duplicate">
              The same bytes were uploaded before: they are stored once.{' '}
              <a href={link('jobs', duplicate.jobId)}>
                Earlier job <span class="upload-id">{duplicate.jobId}</span>
              </a>
            </p>
          ) : null}
        </div>
      ) : null}
      {canPause || canResume || canCancel ? (
        <div class="actions">
          {canPause ? (
            <button type="button" onClick={() => pause(item.key)}>
              Pause<span class="sr-only"> {item.name}</span>
            </button>
          ) : null}
          {canResume ? (
            <button type="button" class="primary" onClick={() => resume(item.key)}>
              Resume<span class="sr-only"> {item.name}</span>
            </button>
          ) : null}
          {canCancel ? (
            <button type="button" onClick={() => cancel(item.key)}>
              Cancel<span class="sr-only"> {item.name}</span>
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

/** Uploads a previous page left unfinished: how far the server got, resumed by picking the file again. */
function StoredUploads({ items }) {
  const [entries, setEntries] = useState([]);
  const [problem, setProblem] = useState(null);
  const ids = items.map((i) => i.uploadId).join(',');

  useEffect(() => {
    let stop = false;
    const found = storedUploads();
    Promise.all(
      found.map(async (entry) => {
        try {
          const status = await api(`/upload/stream/${entry.uploadId}`);
          if (status.state !== 'receiving') {
            forgetStored(entry.storageKey);
            return null;
          }
          return { ...entry, offset: status.offset, length: status.length ?? entry.size };
        } catch (p) {
          if (p.status === 404 || p.status === 410) forgetStored(entry.storageKey);
          return p.status === 404 || p.status === 410 ? null : { ...entry, offset: null };
        }
      }),
    ).then((list) => !stop && setEntries(list.filter(Boolean)));
    return () => (stop = true);
  }, [ids]);

  useEffect(
    () =>
      onLive((message) => {
        if (message.type !== 'upload.progress') return;
        setEntries((list) => list.map((e) => (e.uploadId === message.uploadId ? { ...e, offset: message.data?.bytesReceived ?? e.offset } : e)));
      }),
    [],
  );

  if (!entries.length) return null;
  const discard = async (entry) => {
    try {
      await discardStored(entry);
      setEntries((list) => list.filter((e) => e.storageKey !== entry.storageKey));
      setProblem(null);
    } catch (p) {
      setProblem(p);
    }
  };
  return (
    <section aria-labelledby="stored-title" class="stored card">
      <h2 id="stored-title">Unfinished uploads</h2>
      <p>These uploads stopped before their last byte. Choose or drop the same file again to carry on from where the server got to.</p>
      <ProblemView problem={problem} onDismiss={() => setProblem(null)} />
      <ul class="stored-list">
        {entries.map((entry) => (
          <li key={entry.storageKey}>
            <span class="upload-name">{entry.name}</span>{' '}
            <span class="muted">
              {entry.offset !== null ? `${formatBytes(entry.offset)} of ${formatBytes(entry.length)} received` : formatBytes(entry.size)}
            </span>{' '}
            <button type="button" onClick={() => discard(entry)}>
              Discard<span class="sr-only"> {entry.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
