// The options of the next batch of files: priority, template, schedule and metadata (key/values).
import { api } from '../../api.js';
import { ProblemView, useAsync } from '../../ui.jsx';

export const DEFAULT_OPTIONS = { priority: '5', templateId: '', schedule: '', fields: [] };

/** The options as the upload takes them, or {error} when they cannot be used as they are. */
export function batchOptions(form) {
  const metadata = {};
  for (const { key, value } of form.fields) {
    const name = key.trim();
    if (!name && !value.trim()) continue;
    if (!name) return { error: 'A metadata value has no key: give it one or remove the row.' };
    if (Object.hasOwn(metadata, name)) return { error: `The metadata key “${name}” is there twice.` };
    metadata[name] = value;
  }
  let scheduleAt = '';
  if (form.schedule) {
    const at = new Date(form.schedule);
    if (Number.isNaN(at.getTime())) return { error: 'The start time is not a date and time.' };
    scheduleAt = at.toISOString();
  }
  return { options: { priority: form.priority, templateId: form.templateId, scheduleAt, metadata } };
}

/** A short line saying which options a batch had. */
export function describeOptions(options, templates) {
  const parts = [`priority ${options.priority}`];
  if (options.templateId) {
    const template = templates?.find((t) => t.id === options.templateId);
    parts.push(`template ${template?.name ?? options.templateId}`);
  }
  if (options.scheduleAt) parts.push(`starts ${new Date(options.scheduleAt).toLocaleString()}`);
  const fields = Object.keys(options.metadata ?? {}).length;
  if (fields) parts.push(`${fields} metadata ${fields === 1 ? 'field' : 'fields'}`);
  return parts.join(' · ');
}

export function useTemplates() {
  return useAsync(async () => {
    const page = await api('/templates', { query: { limit: 200 } });
    return (page.items ?? []).filter((t) => t.currentVersion);
  }, []);
}

export function BatchOptions({ form, setForm, templates, error }) {
  const set = (name) => (e) => setForm({ ...form, [name]: e.currentTarget.value });
  const setField = (index, name) => (e) => {
    const fields = form.fields.map((f, i) => (i === index ? { ...f, [name]: e.currentTarget.value } : f));
    setForm({ ...form, fields });
  };
  const addField = () => setForm({ ...form, fields: [...form.fields, { key: '', value: '' }] });
  const removeField = (index) => setForm({ ...form, fields: form.fields.filter((_, i) => i !== index) });
  return (
    <fieldset class="upload-options">
      <legend>Options for the files you add next</legend>
      <div class="upload-options-grid">
        <div>
          <label for="upload-priority">Priority</label>
          <select id="upload-priority" value={form.priority} onChange={set('priority')} aria-describedby="upload-priority-hint">
            {[...Array(10).keys()].map((p) => (
              <option key={p} value={String(p)}>
                {p}
              </option>
            ))}
          </select>
          <p id="upload-priority-hint" class="hint muted">
            0 lowest, 9 most urgent
          </p>
        </div>
        <div>
          <label for="upload-template">Template</label>
          <select id="upload-template" value={form.templateId} onChange={set('templateId')} disabled={templates.loading && !templates.data}>
            <option value="">Recognise the layout automatically</option>
            {(templates.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.format}
                {t.system ? ', built in' : ''})
              </option>
            ))}
          </select>
          {templates.problem ? <ProblemView problem={templates.problem} /> : null}
        </div>
        <div>
          <label for="upload-schedule">Start parsing at</label>
          <input id="upload-schedule" type="datetime-local" value={form.schedule} onInput={set('schedule')} aria-describedby="upload-schedule-hint" />
          <p id="upload-schedule-hint" class="hint muted">
            Optional; empty means as soon as the file is in
          </p>
        </div>
      </div>
      <div class="upload-metadata">
        <p class="upload-metadata-title">Metadata kept with each job</p>
        {form.fields.length ? (
          <ul class="upload-fields">
            {form.fields.map((field, index) => (
              <li key={index}>
                <span>
                  <label for={`upload-key-${index}`}>Key {index + 1}</label>
                  <input id={`upload-key-${index}`} value={field.key} onInput={setField(index, 'key')} autocomplete="off" />
                </span>
                <span>
                  <label for={`upload-value-${index}`}>Value {index + 1}</label>
                  <input id={`upload-value-${index}`} value={field.value} onInput={setField(index, 'value')} autocomplete="off" />
                </span>
                <button type="button" onClick={() => removeField(index)}>
                  Remove<span class="sr-only"> metadata field {index + 1}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <button type="button" onClick={addField}>
          Add a metadata field
        </button>
      </div>
      {error ? (
        <p class="upload-options-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
