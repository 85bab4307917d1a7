// The AIA Ops dashboard: a few pages over the JSON API, rendered with DOM calls (never innerHTML with data), routed by
// the URL's fragment. Charts are Chart.js (served by the application); each chart has its numbers in a table too.
import { all, api, optional, ApiError } from './api.js';
import { lineChart, barChart, burnDown } from './charts.js';
import { View } from './ui.js';

const main = document.getElementById('main');
const announcer = document.getElementById('announcer');
let session = null;

/** h('p', {class: 'x'}, 'text', child…): an element; strings become text nodes. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

const fmt = {
  pct: (v, digits = 3) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)} %`),
  num: (v, digits = 1) => (v === null || v === undefined ? '—' : Number(v).toLocaleString('en', { maximumFractionDigits: digits })),
  ms: (v) => (v === null || v === undefined ? '—' : `${Number(v).toFixed(1)} ms`),
  time: (v) => (v ? new Date(v).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—'),
  duration: (iso) => {
    if (!iso) return '—';
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso);
    if (!m) return iso;
    const hours = Number(m[1] || 0); const minutes = Number(m[2] || 0); const seconds = Math.round(Number(m[3] || 0));
    return hours ? `${hours} h ${minutes} min` : minutes ? `${minutes} min ${seconds} s` : `${seconds} s`;
  },
  money: (v, currency) => (v === null || v === undefined ? '—' : `${Number(v).toLocaleString('en', { maximumFractionDigits: 2 })} ${currency || ''}`),
};

/** Colours of status words in general; words that mean opposite things elsewhere have maps of their own below. */
const STATES = {
  good: ['HEALTHY', 'MET', 'EXCEEDING', 'UP', 'DELIVERED', 'RESOLVED', 'CLOSED', 'UNDER', 'ON_BUDGET', 'COMPLETED', 'SUCCESS'],
  warn: ['WARNING', 'ACKNOWLEDGED', 'MITIGATED', 'RUNNING', 'POSTMORTEM', 'PENDING'],
  bad: ['CRITICAL', 'EXHAUSTED', 'BELOW', 'DOWN', 'FIRING', 'TRIGGERED', 'OVER', 'FAILED', 'P0', 'P1'],
};
/** DORA performance bands: HIGH is good news. */
const DORA_BANDS = { good: ['ELITE', 'HIGH'], warn: ['MEDIUM'], bad: ['LOW'] };
/** Vulnerability severities: HIGH is bad news. */
const FINDING_SEVERITIES = { bad: ['CRITICAL', 'HIGH'], warn: ['MEDIUM'], good: [] };

/** A status word with a class for its colour; the word itself carries the meaning. */
function status(word, colours = STATES) {
  const kind = colours.good.includes(word) ? 'good' : colours.warn.includes(word) ? 'warn' : colours.bad.includes(word) ? 'bad' : 'none';
  return h('span', { class: `status status-${kind}` }, word ?? '—');
}

function table(caption, headers, rows, { numeric = [] } = {}) {
  return h('table', {},
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, headers.map((label, i) => h('th', { scope: 'col', class: numeric.includes(i) ? 'num' : null }, label)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td', { colspan: headers.length, class: 'muted' }, 'None'))
      : rows.map((cells) => h('tr', {}, cells.map((cell, i) => h('td', { class: numeric.includes(i) ? 'num' : null }, cell))))));
}

/** Renders a page, unless the person has gone to another route since it started loading (then it is dropped). */
function show(signal, title, ...content) {
  if (signal && signal.aborted) return;
  page(title, ...content);
}

function page(title, ...content) {
  document.title = `${title} · AIA Ops`;
  main.replaceChildren(h('h1', {}, title), ...content);
  // Focus moves to the new page for keyboard and screen-reader users; the view starts at the top.
  main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
  announcer.textContent = `${title} loaded`;
}

function say(message) {
  announcer.textContent = message;
}

// ---- sign-in and the organisation switcher ----

async function loadSession() {
  try {
    session = await api('/sessions/current');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) session = null;
    else throw e;
  }
  const header = document.getElementById('top');
  header.hidden = !session;
  if (session) {
    document.getElementById('account').textContent = session.account.displayName;
    const select = document.getElementById('organization');
    select.replaceChildren(...session.memberships.map((m) => h('option', { value: m.organizationId, selected: m.organizationId === session.current.organizationId }, `${m.name} (${m.role})`)));
    // With one organisation there is nothing to switch to: its name is shown instead of a disabled control.
    const single = session.memberships.length < 2;
    select.hidden = single;
    const label = document.querySelector('label[for=organization]');
    label.textContent = single ? `Organisation: ${session.current.name}` : 'Organisation';
  }
}

function loginPage() {
  document.title = 'Sign in · AIA Ops';
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'stack', novalidate: true },
    h('label', { for: 'email' }, 'E-mail'), h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true }),
    h('label', { for: 'password' }, 'Password'), h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    h('button', { type: 'submit' }, 'Sign in'), error);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      await api('/sessions', { method: 'POST', body: { email: form.email.value, password: form.password.value } });
      await loadSession();
      location.hash = '#/overview';
      await route();
    } catch (e) {
      error.textContent = e instanceof ApiError && e.status === 401 ? 'E-mail or password is wrong.' : e.message;
    }
  });
  main.replaceChildren(h('div', { class: 'login' }, h('h1', {}, 'Sign in to AIA Ops'), form));
  form.email.focus();
}

document.getElementById('organization').addEventListener('change', async (event) => {
  await api('/sessions/current', { method: 'PUT', body: { organizationId: event.target.value } });
  await loadSession();
  say(`Switched to ${session.current.name}`);
  await route();
});

document.getElementById('sign-out').addEventListener('click', async () => {
  await api('/sessions/current', { method: 'DELETE' });
  session = null;
  location.hash = '#/login';
  await loadSession();
  loginPage();
});

// ---- overview ----

async function overviewPage() {
  const signal = routeSignal;
  const [scorecards, firing, incidents, slos, findings, budgets] = await Promise.all([
    api('/scorecard'), api('/alerts?state=FIRING'), api('/incidents?order=newest&limit=200'), all('/slos/statuses'),
    optional(api('/security/findings?state=overdue'), { items: [] }), api('/cost/budgets/status'),
  ]);
  const card = scorecards.items[0];
  const statuses = slos.items.map(({ slo, status: s }) => ({ slo, s }));
  const openIncidents = incidents.items.filter((i) => !['RESOLVED', 'POSTMORTEM', 'CLOSED'].includes(i.state));
  const exhausted = statuses.filter(({ s }) => s.state === 'EXHAUSTED');
  const offBudget = budgets.items.filter((b) => b.forecast && b.forecast.status !== 'ON_BUDGET' && Math.abs(b.forecast.adherence - 1) > 0.10);
  show(signal, 'Overview',
    h('section', { 'aria-labelledby': 'scorecard-title', class: 'card' },
      h('h2', { id: 'scorecard-title' }, `Scorecard, ${card ? card.month : ''}`),
      card ? h('p', {}, 'Grade ', h('span', { class: 'grade', 'data-testid': 'grade' }, card.grade)) : null,
      card ? table('Five pillars', ['Pillar', 'Target', 'Current', 'Status', 'Detail'],
        card.pillars.map((p) => [p.name, p.target, p.current === null ? '—' : `${fmt.num(p.current, 3)} ${p.unit || ''}`, status(p.status), p.detail || ''])) : h('p', {}, 'No scorecard yet.')),
    h('section', { 'aria-labelledby': 'attention-title' },
      h('h2', { id: 'attention-title' }, 'Needs attention now'),
      h('div', { class: 'grid' },
        h('div', { class: 'card' }, h('h2', {}, `Firing alerts (${firing.items.length})`),
          table('Firing alerts', ['Alert', 'Since', 'Summary'], firing.items.map((a) => [a.ruleName, fmt.time(a.firedAt), a.summary || '']))),
        h('div', { class: 'card' }, h('h2', {}, `Open incidents (${openIncidents.length})`),
          table('Open incidents', ['Incident', 'Severity', 'State'], openIncidents.map((i) => [h('a', { href: `#/incidents/${i.id}` }, i.title), status(i.severity), status(i.state)]))),
        h('div', { class: 'card' }, h('h2', {}, `Exhausted error budgets (${exhausted.length})`),
          table('Exhausted error budgets', ['SLO', 'Budget left'], exhausted.map(({ slo, s }) => [h('a', { href: `#/services/${slo.serviceId}` }, slo.displayName || slo.name), fmt.pct(s.budgetRemaining, 1)]))),
        h('div', { class: 'card' }, h('h2', {}, `Overdue findings (${findings.items.length})`),
          table('Overdue findings', ['Vulnerability', 'Severity', 'Due'], findings.items.slice(0, 20).map((f) => [f.vulnerabilityId, status(f.severity, FINDING_SEVERITIES), fmt.time(f.dueAt)]))),
        h('div', { class: 'card' }, h('h2', {}, `Budgets off by more than 10 % (${offBudget.length})`),
          table('Budgets off by more than 10 %', ['Budget', 'Forecast', 'Budget', 'Status'], offBudget.map((b) => [b.name, fmt.money(b.forecast.forecast, b.currency), fmt.money(b.forecast.budget, b.currency), status(b.forecast.status)]))))));
  // For the browser test's measure of time to a rendered overview (docs/BENCHMARKS.md).
  if (!signal.aborted) performance.mark('overview-rendered');
}

// ---- services ----

const WINDOWS = { '1h': [3600, '1m'], '6h': [6 * 3600, '5m'], '24h': [24 * 3600, '15m'], '7d': [7 * 86400, '1h'], '30d': [30 * 86400, '6h'] };

async function servicePage(id, windowName = '24h') {
  const signal = routeSignal;
  const [seconds, step] = WINDOWS[windowName] || WINDOWS['24h'];
  const to = new Date();
  const from = new Date(to.getTime() - seconds * 1000);
  const range = `from=${from.toISOString()}&to=${to.toISOString()}`;
  const [svc, series, summary, slos, checks] = await Promise.all([
    api(`/services/${id}`), api(`/services/${id}/telemetry/series?${range}&step=${step}&quantiles=0.5,0.95,0.99`),
    api(`/services/${id}/telemetry?${range}&quantiles=0.5,0.95,0.99`), all('/slos'), all('/checks'),
  ]);
  const points = series.points;
  const labels = points.map((p) => p.from.slice(5, 16).replace('T', ' '));
  const windowSelect = h('select', { id: 'window', onchange: (e) => { location.hash = `#/services/${id}?window=${e.target.value}`; } },
    Object.keys(WINDOWS).map((w) => h('option', { value: w, selected: w === windowName }, w)));
  const serviceSlos = slos.items.filter((slo) => slo.serviceId === id);
  const sloSections = await Promise.all(serviceSlos.map(async (slo) => {
    const s = await api(`/slos/${slo.id}/status`);
    const windowSeries = await api(`/services/${id}/telemetry/series?from=${s.windowStart}&to=${s.windowEnd < to.toISOString() ? s.windowEnd : to.toISOString()}&step=${(Date.parse(s.windowEnd) - Date.parse(s.windowStart)) > 7 * 86400000 ? '1d' : '1h'}`);
    return h('section', { class: 'card', 'aria-labelledby': `slo-${slo.id}` },
      h('h2', { id: `slo-${slo.id}` }, `${slo.displayName || slo.name} `, status(s.state)),
      h('p', {}, `Target ${fmt.pct(s.target, 3)} · compliance (SLI) ${fmt.pct(s.sli, 3)} · error budget left ${fmt.pct(s.budgetRemaining, 1)} (${fmt.num(s.budgetRemainingMinutes, 0)} of ${fmt.num(s.budgetMinutes, 0)} min)`),
      burnDown(`Error budget burn-down, ${slo.displayName || slo.name}`, windowSeries.points, s.target),
      h('h3', {}, 'Burn rates'),
      table(`Burn rates of ${slo.name}`, ['Window', 'Events', 'Error ratio', 'Burn rate'], s.burnRates.map((b) => [b.window, fmt.num(b.events, 0), fmt.pct(b.errorRatio, 3), `${fmt.num(b.burnRate, 2)}×`]), { numeric: [1, 2, 3] }));
  }));
  const serviceChecks = checks.items.filter((c) => c.serviceId === id);
  const uptimes = await Promise.all(serviceChecks.map((c) => api(`/checks/${c.id}/uptime?${range}`).then((u) => ({ c, u }))));
  show(signal, svc.displayName,
    h('p', {}, `${svc.tier} tier · owned by ${svc.ownerTeam}`),
    h('div', { class: 'actions' }, h('label', { for: 'window' }, 'Window'), windowSelect),
    h('p', { 'data-testid': 'summary' }, `Over the last ${windowName}: ${fmt.num(summary.requests, 0)} requests (${fmt.num(summary.requestsPerSecond, 2)}/s), error rate ${fmt.pct(summary.errorRate, 2)}, p50 ${fmt.ms(summary.latencyMs?.p50)}, p95 ${fmt.ms(summary.latencyMs?.p95)}, p99 ${fmt.ms(summary.latencyMs?.p99)}`),
    h('div', { class: 'grid' },
      lineChart('Request rate (requests/s)', labels, [{ label: 'requests/s', data: points.map((p) => p.requestsPerSecond) }]),
      lineChart('Error rate (%)', labels, [{ label: 'errors %', data: points.map((p) => (p.errorRate === null ? null : p.errorRate * 100)) }]),
      lineChart('Latency (ms)', labels, ['p50', 'p95', 'p99'].map((q) => ({ label: q, data: points.map((p) => p.latencyMs?.[q] ?? null) })))),
    h('h2', {}, 'SLOs'), sloSections.length ? h('div', { class: 'grid' }, sloSections) : h('p', { class: 'muted' }, 'No SLO for this service.'),
    h('h2', {}, 'Checks and uptime'),
    table('Checks', ['Check', 'Status', 'Last run', 'Latency', `Uptime (${windowName})`], uptimes.map(({ c, u }) => [c.name, status(c.status), fmt.time(c.lastRunAt), fmt.ms(c.lastLatencyMs), fmt.pct(u.uptime, 3)])));
}

// ---- incidents and on-call ----

// ---- delivery, cost, backups and reports ----

async function deliveryPage() {
  const signal = routeSignal;
  const [deployments, dora, services] = await Promise.all([api('/deployments?order=newest&limit=200'), api('/dora'), all('/services')]);
  const serviceName = (id) => (services.items.find((s) => s.id === id) || {}).displayName || id;
  const m = dora.metrics;
  show(signal, 'Delivery',
    h('p', {}, h('a', { href: '#/delivery/record' }, 'Record a deployment, upload a scanner\'s report')),
    h('p', {}, `DORA metrics from ${fmt.time(m.from)} to ${fmt.time(m.to)}, bands: ${dora.bandSet} (${dora.bandReport})`),
    table('DORA metrics and their bands', ['Metric', 'Value', 'Band'], [
      ['Deployment frequency', `${fmt.num(m.deploymentDaysPerWeek, 2)} deployment days a week (${m.deployments} deployments)`, status(dora.deploymentFrequencyLevel, DORA_BANDS)],
      ['Lead time for changes (median)', fmt.duration(m.medianLeadTime), status(dora.leadTimeLevel, DORA_BANDS)],
      ['Change failure rate', fmt.pct(m.changeFailureRate, 1), status(dora.changeFailureRateLevel, DORA_BANDS)],
      ['Time to restore (median)', fmt.duration(m.medianTimeToRestore), status(dora.timeToRestoreLevel, DORA_BANDS)],
      ['Rollbacks', String(dora.rollbacks), ''],
    ]),
    h('h2', {}, 'Deployments'),
    table('Deployments', ['Service', 'Version', 'Environment', 'Finished', 'Result'], deployments.items.map((d) => [serviceName(d.serviceId), d.version, d.environment, fmt.time(d.finishedAt), status(d.result)])));
}

async function costPage() {
  const signal = routeSignal;
  const now = new Date();
  const months = [...Array(6).keys()].map((i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (5 - i), 1)).toISOString().slice(0, 7));
  const [budgetMonths, byCategory, byMonth, unitCosts] = await Promise.all([
    Promise.all(months.map((month) => api(`/cost/budgets/status?month=${month}`))), api(`/cost/breakdown?by=CATEGORY&from=${months[5]}`),
    api(`/cost/breakdown?by=MONTH&from=${months[0]}&to=${months[5]}`), Promise.all(months.map((month) => api(`/cost/unit-costs?month=${month}`))),
  ]);
  const budgets = budgetMonths[5];
  const serviceNames = [...new Set(unitCosts.flatMap((u) => u.perService.map((s) => s.service)))];
  show(signal, 'Cost',
    h('p', {}, h('a', { href: '#/cost/setup' }, 'Import a FOCUS file, define budgets')),
    h('h2', {}, `Spend against budget, ${months[5]}`),
    barChart('Spend and forecast against budget', budgets.items.map((b) => b.name), [
      { label: 'spent', data: budgets.items.map((b) => Number(b.forecast.actual)) },
      { label: 'month-end forecast', data: budgets.items.map((b) => Number(b.forecast.forecast)) },
      { label: 'budget', data: budgets.items.map((b) => Number(b.forecast.budget)) }]),
    table('Budgets this month', ['Budget', 'Spent', 'Forecast', 'Budget', 'Status'], budgets.items.map((b) => [b.name, fmt.money(b.forecast.actual, b.currency), fmt.money(b.forecast.forecast, b.currency), fmt.money(b.forecast.budget, b.currency), status(b.forecast.status)]), { numeric: [1, 2, 3] }),
    h('h2', {}, 'Spend against budget per month'),
    table('Spend against budget per month', ['Month', 'Budget', 'Spent', 'Budget', 'Adherence', 'Status'], budgetMonths.flatMap((m, i) => m.items.map((b) => [months[i], b.name,
      fmt.money(b.forecast.actual, b.currency), fmt.money(b.forecast.budget, b.currency), fmt.pct(b.forecast.adherence, 0), status(b.forecast.status)])).reverse(), { numeric: [2, 3, 4] }),
    h('div', { class: 'grid' },
      barChart(`Spend by category, ${months[5]}`, byCategory.items.map((s) => s.label || s.key), [{ label: 'EffectiveCost', data: byCategory.items.map((s) => Number(s.effectiveCost)) }]),
      barChart('Spend by month', byMonth.items.map((s) => s.label || s.key), [{ label: 'EffectiveCost', data: byMonth.items.map((s) => Number(s.effectiveCost)) }]),
      lineChart('Unit cost: per million requests', months, serviceNames.map((service) => ({ label: service,
        data: unitCosts.map((u) => { const row = u.perService.find((s) => s.service === service); return row && row.costPerMillionRequests !== null ? Number(row.costPerMillionRequests) : null; }) })))));
}

async function backupsPage() {
  const signal = routeSignal;
  const [reports, backups] = await Promise.all([api('/reports'), optional(api('/backups'), null)]);
  show(signal, 'Backups and reports',
    h('h2', {}, 'Reports'),
    table('Reports', ['Report', 'Period', 'Written', 'Download'], reports.items.map((r) => [r.kind, r.period, fmt.time(r.createdAt),
      h('span', {}, h('a', { href: r.csv, download: '' }, `CSV`), ' · ', h('a', { href: r.html, target: '_blank', rel: 'noopener' }, 'HTML'))])),
    h('h2', {}, 'Backups'),
    backups === null ? h('p', { class: 'muted' }, 'Backups are kept by the platform operators; your organisation does not see them.')
      : table('Backups', ['Backup', 'Status', 'Started', 'Rows', 'Download'], backups.items.map((b) => [b.name, status(b.status), fmt.time(b.startedAt), fmt.num(b.totalRows, 0),
        b.status === 'COMPLETED' ? h('a', { href: `/api/v1/backups/${b.name}/archive` }, 'zip') : '—']), { numeric: [3] }));
}

// ---- routing ----

const ROUTES = [
  [/^#\/overview$/, () => overviewPage()],
  [/^#\/services$/, () => modulePage('./pages/services.js')],
  [/^#\/services\/([\w-]+)(?:\?window=(\w+))?$/, (m) => servicePage(m[1], m[2])],
  [/^#\/incidents$/, () => modulePage('./pages/incidents.js')],
  [/^#\/incidents\/([\w-]+)$/, (m) => modulePage('./pages/incident.js', m[1])],
  [/^#\/delivery$/, () => deliveryPage()],
  [/^#\/cost$/, () => costPage()],
  [/^#\/backups$/, () => backupsPage()],
  [/^#\/slos$/, () => modulePage('./pages/slos.js')],
  [/^#\/on-call$/, () => modulePage('./pages/oncall.js')],
  [/^#\/alerting$/, () => modulePage('./pages/alerting.js')],
  [/^#\/status-page$/, () => modulePage('./pages/statuspage.js')],
  [/^#\/audit$/, () => modulePage('./pages/audit.js')],
  [/^#\/integrations$/, () => modulePage('./pages/integrations.js')],
  [/^#\/delivery\/record$/, () => modulePage('./pages/releases.js')],
  [/^#\/cost\/setup$/, () => modulePage('./pages/costsetup.js')],
  [/^#\/access$/, () => modulePage('./pages/access.js')],
];

/** A page of its own module (lit-html), given the route's signal: leaving the route cancels its requests and render. */
async function modulePage(path, ...parameters) {
  const module = await import(path);
  await module.render(new View(main, announcer, routeSignal), ...parameters);
}

let routeController = null;
let routeSignal = null;

async function route() {
  // A new route cancels the one still loading: its requests are aborted and it renders nothing.
  if (routeController) routeController.abort();
  routeController = new AbortController();
  routeSignal = routeController.signal;
  const signal = routeSignal;
  if (!session) {
    loginPage();
    return;
  }
  const hash = location.hash && location.hash !== '#/login' ? location.hash : '#/overview';
  for (const link of document.querySelectorAll('.top nav a')) {
    if (hash.startsWith(link.getAttribute('href'))) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  for (const [pattern, view] of ROUTES) {
    const m = pattern.exec(hash);
    if (m) {
      try {
        await view(m);
      } catch (e) {
        if (signal.aborted) return;
        if (e instanceof ApiError && e.status === 401) {
          session = null;
          await loadSession();
          loginPage();
          return;
        }
        page('Something went wrong', h('p', { class: 'error', role: 'alert' }, e.message));
      }
      return;
    }
  }
  page('Not found', h('p', {}, 'There is no such page. '), h('a', { href: '#/overview' }, 'Go to the overview'));
}

window.addEventListener('hashchange', route);
loadSession().then(route);
