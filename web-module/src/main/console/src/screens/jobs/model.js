// The jobs list's filters as the hash query keeps them (#/jobs?state=FAILED&q=billing) and as GET /jobs
// and POST /jobs/bulk take them, and the slim row the table keeps per job.

export const STATES = [
  'RECEIVED', 'SCANNING', 'QUARANTINED', 'WAITING', 'SCHEDULED', 'QUEUED', 'RUNNING', 'NEEDS_MAPPING',
  'COMPLETED', 'FAILED', 'CANCELLED', 'DEAD_LETTERED',
];
export const FINISHED = ['COMPLETED', 'FAILED', 'CANCELLED', 'DEAD_LETTERED'];
export const FORMATS = ['CSV', 'PDF', 'CDR'];
export const SORTS = [
  ['', 'Newest first'],
  ['created', 'Oldest first'],
  ['-priority', 'Most urgent first'],
  ['priority', 'Least urgent first'],
];

/** The filter names the hash query may carry (dates as yyyy-mm-dd, the rest as GET /jobs takes them). */
export const FILTER_NAMES = [
  'q', 'state', 'format', 'priority', 'filename', 'template', 'submittedBy', 'needsMapping', 'errorCategory',
  'createdFrom', 'createdTo', 'sort',
];

export function filtersOf(query = {}) {
  const filters = {};
  for (const name of FILTER_NAMES) if (query[name]) filters[name] = String(query[name]);
  return filters;
}

function dayStart(day) {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day;
}
function dayAfter(day) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().replace('.000Z', 'Z');
}

/** GET /jobs query parameters of the filters (dates as UTC days, "to" included). */
export function apiQuery(filters) {
  const query = { ...filters };
  if (query.createdFrom) query.createdFrom = dayStart(query.createdFrom);
  if (query.createdTo) query.createdTo = dayAfter(query.createdTo);
  return query;
}

/** The same filters as the `filter` member of POST /jobs/bulk (lists as arrays). */
export function bulkFilter(filters) {
  const query = apiQuery(filters);
  delete query.sort;
  for (const name of ['state', 'format', 'priority', 'errorCategory']) {
    if (query[name]) query[name] = query[name].split(',').map((v) => v.trim()).filter(Boolean);
  }
  return query;
}

/** The part of a job the table shows (the full view carries steps and results it does not need). */
export function slim(job) {
  return {
    id: job.id,
    filename: job.filename,
    state: job.state,
    percent: job.progress?.percent ?? (job.state === 'COMPLETED' ? 100 : null),
    step: job.progress?.step,
    format: job.file?.format,
    template: job.classification?.templateMatched ?? job.templateId ?? null,
    templateVersion: job.classification?.templateVersion ?? job.templateVersion ?? null,
    layout: job.classification?.layout,
    confidence: job.classification?.confidence,
    priority: job.priority,
    submittedBy: job.submittedBy,
    createdAt: job.createdAt,
  };
}

export function formatConfidence(confidence) {
  return confidence === null || confidence === undefined ? '–' : `${Math.round(confidence * 100)} %`;
}

export const REASONS = {
  already_cancelled: 'already cancelled',
  already_finished: 'already finished',
  not_finished: 'not finished yet',
  completed: 'completed (nothing to retry)',
  not_queued: 'not queued (only queued jobs can be reprioritised)',
  same_priority: 'already at that priority',
};
