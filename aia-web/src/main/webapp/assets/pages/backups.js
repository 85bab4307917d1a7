// Backups and reports: reports as CSV and HTML; backups (platform operators only) as zip.
import { html } from '../lib.js';
import { api, optional } from '../api.js';
import { fmt, status, table } from '../ui.js';

export async function render(view) {
  const [reports, backups] = await Promise.all([api('/reports', { signal: view.signal }), optional(api('/backups', { signal: view.signal }), null)]);
  view.show('Backups and reports', html`
    <h2>Reports</h2>
    ${table('Reports', ['Report', 'Period', 'Written', 'Download'], reports.items.map((r) => [r.kind, r.period, fmt.time(r.createdAt),
      html`<a href=${r.csv} download>CSV</a> · <a href=${r.html} target="_blank" rel="noopener">HTML</a>`]))}
    <h2>Backups</h2>
    ${backups === null ? html`<p class="muted">Backups are kept by the platform operators; your organisation does not see them.</p>`
      : table('Backups', ['Backup', 'Status', 'Started', 'Rows', 'Download'], backups.items.map((b) => [b.name, status(b.status), fmt.time(b.startedAt),
        fmt.num(b.totalRows, 0), b.status === 'COMPLETED' ? html`<a href="/api/v1/backups/${b.name}/archive">zip</a>` : '—']), { numeric: [3] })}`);
}
