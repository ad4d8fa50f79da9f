// Manual mapping: the queue of jobs waiting for a person (#/mapping) and one job's mapping
// (#/mapping/<jobId>): columns with samples, profile and ranked suggestions, a target field per
// column, the check against the sample rows, submit, approve (admins) and save as a template.
import { MappingQueue } from './mapping/queue.jsx';
import { MappingJob } from './mapping/job.jsx';
import './mapping.css';

export function MappingScreen({ me, jobId }) {
  return jobId ? <MappingJob me={me} jobId={jobId} key={jobId} /> : <MappingQueue me={me} />;
}
