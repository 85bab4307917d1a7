// Backups and reports: write a report now (a batch job, watched until it ends) and download reports as CSV and HTML;
// for the platform operators, start a full or incremental backup or a restore drill, and download backups as zip.
import { html } from '../lib.js';
import { api, optional } from '../api.js';
import { FormErrors, fmt, formError, status, table } from '../ui.js';

const FINISHED = ['COMPLETED', 'FAILED', 'STOPPED', 'ABANDONED'];
const REPORT_KINDS = [['SLA_MONTHLY', 'SLA, monthly'], ['COST_MONTHLY', 'Cost, monthly'], ['WEEKLY_REVIEW', 'Weekly operations review']];

export async function render(view) {
  const load = () => Promise.all([api('/reports', { signal: view.signal }), optional(api('/backups', { signal: view.signal }), null),
    optional(api('/backups/drills', { signal: view.signal }), null)]);
  let [reports, backups, drills] = await load();
  const report = { kind: 'SLA_MONTHLY', period: '' };
  const errors = new FormErrors();
  const jobs = []; // the jobs started from this page, newest first, as their status last read

  // Follows a job until it ends, then reads the lists again: a batch job runs on its own, so the page asks its status.
  const watch = async (path, started) => {
    jobs.unshift(started);
    draw();
    let current = started;
    for (let i = 0; i < 600 && !FINISHED.includes(current.batchStatus) && !view.signal.aborted; i++) {
      await new Promise((resolve) => { setTimeout(resolve, 1000); });
      current = await api(`${path}/jobs/${started.executionId}`, { signal: view.signal });
      jobs[jobs.findIndex((j) => j.executionId === started.executionId)] = current;
      draw();
    }
    if (view.signal.aborted) return;
    [reports, backups, drills] = await load();
    view.say(`${current.job} ${current.batchStatus.toLowerCase()}`);
    draw();
  };
  const start = (label, path, request) => async (event) => {
    event?.preventDefault();
    try {
      const started = await request();
      errors.clear();
      view.say(`${label} started`);
      await watch(path, started);
    } catch (e) {
      if (view.signal.aborted) return;
      errors.take(e, ['period', 'kind']);
      draw();
    }
  };
  const writeReport = start('Report', '/reports', () => api('/reports', { method: 'POST',
    body: { kind: report.kind, period: report.period.trim() || undefined } }));

  const draw = () => view.show('Backups and reports', html`
    ${jobs.length ? html`<h2>Jobs started here</h2>
      ${table('Jobs started here', ['Job', 'Execution', 'Status', 'Items read'], jobs.map((j) => [j.job, j.executionId,
        html`<span data-testid="job-${j.executionId}">${status(j.batchStatus)}</span>`, fmt.num(j.itemsRead, 0)]), { numeric: [1, 3] })}` : ''}
    <h2>Reports</h2>
    <section class="card" aria-labelledby="report-title">
      <h3 id="report-title">Write a report now</h3>
      <form class="stack" novalidate @submit=${writeReport}>
        <label for="report-kind">Report</label>
        <select id="report-kind" @change=${(e) => { report.kind = e.target.value; }}>
          ${REPORT_KINDS.map(([kind, label]) => html`<option value=${kind} ?selected=${kind === report.kind}>${label}</option>`)}</select>
        <label for="report-period">Period (optional: a month such as 2026-10; the last complete month or week when empty)</label>
        <input id="report-period" .value=${report.period} @input=${(e) => { report.period = e.target.value; }}
          aria-invalid=${errors.byField.period ? 'true' : 'false'}>
        ${errors.byField.period ? html`<p class="field-error" role="alert">${errors.byField.period}</p>` : ''}
        ${formError(errors)}
        <button type="submit">Write the report</button>
      </form>
    </section>
    ${table('Reports', ['Report', 'Period', 'Written', 'Download'], reports.items.map((r) => [r.kind, r.period, fmt.time(r.createdAt),
      html`<a href=${r.csv} download>CSV</a> · <a href=${r.html} target="_blank" rel="noopener">HTML</a>`]))}
    <h2>Backups</h2>
    ${backups === null ? html`<p class="muted">Backups are kept by the platform operators; your organisation does not see them.</p>`
      : html`<p>
          <button type="button" @click=${start('Full backup', '/backups', () => api('/backups', { method: 'POST' }))}>Start a full backup</button>
          <button type="button" @click=${start('Incremental backup', '/backups', () => api('/backups?kind=incremental', { method: 'POST' }))}>Start an incremental backup</button>
          ${drills === null ? '' : html`<button type="button" @click=${start('Restore drill', '/backups',
            () => api('/backups/drills', { method: 'POST' }))}>Run a restore drill</button>`}</p>
        ${table('Backups', ['Backup', 'Status', 'Started', 'Rows', 'Download'], backups.items.map((b) => [b.name, status(b.status), fmt.time(b.startedAt),
          fmt.num(b.totalRows, 0), b.status === 'COMPLETED' ? html`<a href="/api/v1/backups/${b.name}/archive">zip</a>` : '—']), { numeric: [3] })}
        ${drills === null ? '' : html`<h3>Restore drills and restores</h3>
          ${table('Restore drills and restores', ['Kind', 'Backup', 'Finished', 'Verified', 'Rows', 'RPO (s)', 'RTO (s)'], drills.items.map((d) => [
            d.kind, d.backupName, fmt.time(d.finishedAt), d.verified ? 'yes' : html`<span title=${d.problems || ''}>no</span>`,
            fmt.num(d.rows, 0), fmt.num(d.rpoSeconds, 0), fmt.num(d.rtoSeconds, 1)]), { numeric: [4, 5, 6] })}`}`}`,
  { focus: false });

  if (draw()) {
    view.main.focus({ preventScroll: true });
    view.say('Backups and reports loaded');
  }
}
