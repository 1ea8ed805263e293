import type { TriggersView } from '../../../common/types';

/** Async events: the consumers of each queue, and the jobs pending, done and failed. */
export function QueueSection({ view }: { view: TriggersView }) {
  if (view.consumers.length === 0 && view.jobs.length === 0) return null;
  return (
    <section aria-label="Queues">
      <h3>Queues</h3>
      <p className="muted">{view.consumers.map((consumer) => `${consumer.queue} → ${consumer.moduleKey}`).join(' · ') || 'No consumer modules.'}</p>
      <table className="queue-jobs">
        <thead>
          <tr>
            <th>Job</th>
            <th>Consumer</th>
            <th>State</th>
            <th>Attempts</th>
            <th>Note</th>
          </tr>
        </thead>
        <tbody>
          {view.jobs.map((job) => (
            <tr key={`${job.jobId}|${job.index}|${job.consumerKey}`} className={`job-${job.state}`}>
              <td>
                <code>{job.jobId.slice(0, 8)}</code>#{job.index}
              </td>
              <td>{job.consumerKey}</td>
              <td>{job.state}</td>
              <td>{job.attempts}</td>
              <td>{job.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
