// A service: request rate, error rate and latency over a chosen window, each SLO's budget and burn-down, its checks.
import { html } from '../lib.js';
import { api, all } from '../api.js';
import { fmt, status, table } from '../ui.js';
import { burnDown, lineChart } from '../charts.js';

const WINDOWS = { '1h': [3600, '1m'], '6h': [6 * 3600, '5m'], '24h': [24 * 3600, '15m'], '7d': [7 * 86400, '1h'], '30d': [30 * 86400, '6h'] };

export async function render(view, id, windowName = '24h') {
  const signal = view.signal;
  const [seconds, step] = WINDOWS[windowName] || WINDOWS['24h'];
  const to = new Date();
  const from = new Date(to.getTime() - seconds * 1000);
  const range = `from=${from.toISOString()}&to=${to.toISOString()}`;
  const [svc, series, summary, slos, checks] = await Promise.all([
    api(`/services/${id}`, { signal }), api(`/services/${id}/telemetry/series?${range}&step=${step}&quantiles=0.5,0.95,0.99`, { signal }),
    api(`/services/${id}/telemetry?${range}&quantiles=0.5,0.95,0.99`, { signal }), all('/slos/statuses', 5000, signal), all('/checks', 5000, signal),
  ]);
  const points = series.points;
  const labels = points.map((p) => p.from.slice(5, 16).replace('T', ' '));
  const serviceSlos = slos.items.filter(({ slo }) => slo.serviceId === id);
  // Each SLO's burn-down is a chart of its own window; SLOs of the same window share one series request.
  const seriesOfWindow = new Map();
  const sloSections = await Promise.all(serviceSlos.map(async ({ slo, status: s }) => {
    const end = s.windowEnd < to.toISOString() ? s.windowEnd : to.toISOString();
    const windowStep = (Date.parse(s.windowEnd) - Date.parse(s.windowStart)) > 7 * 86400000 ? '1d' : '1h';
    const path = `/services/${id}/telemetry/series?from=${s.windowStart}&to=${end}&step=${windowStep}`;
    if (!seriesOfWindow.has(path)) seriesOfWindow.set(path, api(path, { signal }));
    const windowSeries = await seriesOfWindow.get(path);
    return html`<section class="card" aria-labelledby="slo-${slo.id}">
      <h2 id="slo-${slo.id}">${slo.displayName || slo.name} ${status(s.state)}</h2>
      <p>Target ${fmt.pct(s.target, 3)} · compliance (SLI) ${fmt.pct(s.sli, 3)} · error budget left ${fmt.pct(s.budgetRemaining, 1)}
        (${fmt.num(s.budgetRemainingMinutes, 0)} of ${fmt.num(s.budgetMinutes, 0)} min)</p>
      ${burnDown(`Error budget burn-down, ${slo.displayName || slo.name}`, windowSeries.points, s.target)}
      <h3>Burn rates</h3>
      ${table(`Burn rates of ${slo.name}`, ['Window', 'Events', 'Error ratio', 'Burn rate'], s.burnRates.map((b) => [b.window, fmt.num(b.events, 0),
        fmt.pct(b.errorRatio, 3), `${fmt.num(b.burnRate, 2)}×`]), { numeric: [1, 2, 3] })}
    </section>`;
  }));
  const serviceChecks = checks.items.filter((c) => c.serviceId === id);
  const uptimeOf = new Map((await api(`/checks/uptime?serviceId=${id}&${range}`, { signal })).items.map((u) => [u.checkId, u.uptime]));
  const uptimes = serviceChecks.map((c) => ({ c, u: uptimeOf.get(c.id) || { upRuns: 0, downRuns: 0, uptime: null } }));
  view.show(svc.displayName, html`
    <p>${svc.tier} tier · owned by ${svc.ownerTeam}</p>
    <div class="actions"><label for="window">Window</label>
      <select id="window" @change=${(e) => { location.hash = `#/services/${id}?window=${e.target.value}`; }}>
        ${Object.keys(WINDOWS).map((w) => html`<option value=${w} ?selected=${w === windowName}>${w}</option>`)}</select></div>
    <p data-testid="summary">Over the last ${windowName}: ${fmt.num(summary.requests, 0)} requests (${fmt.num(summary.requestsPerSecond, 2)}/s), error rate
      ${fmt.pct(summary.errorRate, 2)}, p50 ${fmt.ms(summary.latencyMs?.p50)}, p95 ${fmt.ms(summary.latencyMs?.p95)}, p99 ${fmt.ms(summary.latencyMs?.p99)}</p>
    <div class="grid">
      ${lineChart('Request rate (requests/s)', labels, [{ label: 'requests/s', data: points.map((p) => p.requestsPerSecond) }])}
      ${lineChart('Error rate (%)', labels, [{ label: 'errors %', data: points.map((p) => (p.errorRate === null ? null : p.errorRate * 100)) }])}
      ${lineChart('Latency (ms)', labels, ['p50', 'p95', 'p99'].map((q) => ({ label: q, data: points.map((p) => p.latencyMs?.[q] ?? null) })))}
    </div>
    <h2>SLOs</h2>
    ${sloSections.length ? html`<div class="grid">${sloSections}</div>` : html`<p class="muted">No SLO for this service.</p>`}
    <h2>Checks and uptime</h2>
    ${table('Checks', ['Check', 'Status', 'Last run', 'Latency', `Uptime (${windowName})`], uptimes.map(({ c, u }) => [c.name, status(c.status),
      fmt.time(c.lastRunAt), fmt.ms(c.lastLatencyMs), fmt.pct(u.uptime, 3)]))}`);
}
