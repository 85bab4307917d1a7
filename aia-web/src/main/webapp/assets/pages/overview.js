// The overview: this month's scorecard and grade, and what needs attention now.
import { html } from '../lib.js';
import { api, all, optional } from '../api.js';
import { FINDING_SEVERITIES, fmt, status, table } from '../ui.js';

export async function render(view) {
  const signal = view.signal;
  const [scorecards, firing, incidents, slos, findings, budgets] = await Promise.all([
    api('/scorecard', { signal }), api('/alerts?state=FIRING', { signal }), all('/incidents?status=open&order=newest', 1000, signal),
    all('/slos/statuses', 5000, signal), optional(api('/security/findings?state=overdue', { signal }), { items: [] }),
    api('/cost/budgets/status', { signal }),
  ]);
  const card = scorecards.items[0];
  const openIncidents = incidents.items; // open ones only, filtered by the server however old they are
  const exhausted = slos.items.filter(({ status: s }) => s.state === 'EXHAUSTED');
  const offBudget = budgets.items.filter((b) => b.forecast && b.forecast.status !== 'ON_BUDGET' && Math.abs(b.forecast.adherence - 1) > 0.10);
  const shown = view.show('Overview', html`
    <section aria-labelledby="scorecard-title" class="card">
      <h2 id="scorecard-title">Scorecard, ${card ? card.month : ''}</h2>
      ${card ? html`<p>Grade <span class="grade" data-testid="grade">${card.grade}</span></p>
        ${table('Five pillars', ['Pillar', 'Target', 'Current', 'Status', 'Detail'], card.pillars.map((p) => [p.name, p.target,
          p.current === null ? '—' : `${fmt.num(p.current, 3)} ${p.unit || ''}`, status(p.status), p.detail || '']))}` : html`<p>No scorecard yet.</p>`}
    </section>
    <section aria-labelledby="attention-title">
      <h2 id="attention-title">Needs attention now</h2>
      <div class="grid">
        <div class="card"><h2>Firing alerts (${firing.items.length})</h2>
          ${table('Firing alerts', ['Alert', 'Since', 'Summary'], firing.items.map((a) => [a.ruleName, fmt.time(a.firedAt), a.summary || '']))}</div>
        <div class="card"><h2>Open incidents (${openIncidents.length})</h2>
          ${table('Open incidents', ['Incident', 'Severity', 'State'], openIncidents.map((i) => [html`<a href="#/incidents/${i.id}">${i.title}</a>`,
            status(i.severity), status(i.state)]))}</div>
        <div class="card"><h2>Exhausted error budgets (${exhausted.length})</h2>
          ${table('Exhausted error budgets', ['SLO', 'Budget left'], exhausted.map(({ slo, status: s }) => [
            html`<a href="#/services/${slo.serviceId}">${slo.displayName || slo.name}</a>`, fmt.pct(s.budgetRemaining, 1)]))}</div>
        <div class="card"><h2>Overdue findings (${findings.items.length})</h2>
          ${table('Overdue findings', ['Vulnerability', 'Severity', 'Due'], findings.items.slice(0, 20).map((f) => [f.vulnerabilityId,
            status(f.severity, FINDING_SEVERITIES), fmt.time(f.dueAt)]))}</div>
        <div class="card"><h2>Budgets off by more than 10 % (${offBudget.length})</h2>
          ${table('Budgets off by more than 10 %', ['Budget', 'Forecast', 'Budget', 'Status'], offBudget.map((b) => [b.name,
            fmt.money(b.forecast.forecast, b.currency), fmt.money(b.forecast.budget, b.currency), status(b.forecast.status)]))}</div>
      </div>
    </section>`);
  // For the browser test's measure of time to a rendered overview (docs/BENCHMARKS.md).
  if (shown) performance.mark('overview-rendered');
}
