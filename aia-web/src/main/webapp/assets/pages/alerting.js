// Alerting: notification channels (webhook, Slack, e-mail, PagerDuty, Opsgenie, Microsoft Teams; send a test, the
// delivery history), checks of every kind (HTTP with keyword or JSON value, TCP, TLS expiry, heartbeat) and alert rules.
import { html, live, nothing } from '../lib.js';
import { api, all } from '../api.js';
import { FormErrors, action, errorAt, fmt, formError, status, submitter, table, textInput } from '../ui.js';

const CHANNEL_TYPES = {
  WEBHOOK: { label: 'Webhook', target: 'https://… (signed: X-AIA-Signature)', credential: false },
  SLACK: { label: 'Slack', target: 'https://hooks.slack.com/services/…', credential: false },
  EMAIL: { label: 'E-mail', target: 'an e-mail address', credential: false },
  PAGERDUTY: { label: 'PagerDuty', target: 'blank: PagerDuty\'s endpoint (EU: https://events.eu.pagerduty.com/v2/enqueue)', credential: 'Integration (routing) key' },
  OPSGENIE: { label: 'Opsgenie', target: 'blank: api.opsgenie.com (EU: https://api.eu.opsgenie.com)', credential: 'API integration key' },
  TEAMS: { label: 'Microsoft Teams', target: 'the Workflows webhook URL of the channel', credential: false },
};
const CHECK_KINDS = {
  HTTP: 'https://… answered with the expected status (and, if given, a keyword or a JSON value)',
  TCP: 'tcp://host:port accepting connections',
  TLS: 'https://host[:port] whose certificate is valid and not expiring within the days given',
  HEARTBEAT: 'a job calls the check\'s secret address; no call within the interval plus grace is down',
};
const RULE_KINDS = {
  LATENCY: 'a latency percentile of a service above a bound (ms)',
  ERROR_RATE: 'the error ratio of a service above a bound (0.01 = 1 %)',
  CHECK_DOWN: 'a check is down',
  BURN_RATE: 'an SLO burns its budget (its burn-rate pairs)',
};
const CHANNEL_FIELDS = ['name', 'type', 'target', 'credential'];
const CHECK_FIELDS = ['serviceId', 'name', 'url', 'intervalSeconds', 'timeoutMs', 'expectedStatus', 'retries', 'kind', 'bodyContains',
  'jsonPath', 'jsonExpected', 'tlsMinDays', 'graceSeconds'];
const RULE_FIELDS = ['name', 'kind', 'serviceId', 'checkId', 'sloId', 'quantile', 'threshold', 'windowMinutes', 'minimumRequests',
  'channelIds', 'escalationPolicyId'];

export async function render(view, shown = null) {
  const signal = view.signal;
  const [channels, checks, rules, services, slos, policies] = await Promise.all([api('/notification-channels', { signal }),
    all('/checks', 5000, signal), api('/alert-rules', { signal }), all('/services', 5000, signal), all('/slos', 5000, signal),
    api('/escalation-policies', { signal })]);
  const errors = { channel: new FormErrors(), check: new FormErrors(), rule: new FormErrors() };
  const channel = { name: '', type: 'WEBHOOK', target: '', credential: '' };
  const check = { kind: 'HTTP', serviceId: services.items[0]?.id || '', name: '', url: '', intervalSeconds: '60', timeoutMs: '5000',
    expectedStatus: '200', retries: '1', bodyContains: '', jsonPath: '', jsonExpected: '', tlsMinDays: '14', graceSeconds: '300' };
  const rule = { kind: 'LATENCY', name: '', serviceId: services.items[0]?.id || '', checkId: '', sloId: '', quantile: '0.95', threshold: '500',
    windowMinutes: '5', minimumRequests: '20', urgency: 'PAGE', incidentSeverity: 'P2', channelIds: [], escalationPolicyId: '' };
  const secret = shown; // a signing secret or heartbeat address, shown once
  let deliveries = null; // { channel, items }
  const serviceName = (id) => (services.items.find((s) => s.id === id) || {}).displayName || '—';

  const text = (state, form, key, label, hint) => textInput(state, errors[form], form, key, label, { hint });
  const choice = (state, form, key, label, options, onChange) => html`<label for="${form}-${key}">${label}</label>
    <select id="${form}-${key}" @change=${(e) => { state[key] = e.target.value; if (onChange) onChange(); }}>
      ${options.map(([value, shown]) => html`<option value=${value} ?selected=${value === state[key]}>${shown}</option>`)}</select>
    ${errorAt(errors[form], key)}`;
  const number = (v) => (v === '' || v === undefined ? undefined : Number(v));

  const submit = (form, fields, send) => submitter(view, errors[form], fields, send, (answer) => {
    view.say(`${answer.name} defined`);
    return render(view, answer.signingSecret || answer.heartbeatUrl
      ? { name: answer.name, value: answer.signingSecret || answer.heartbeatUrl, what: answer.signingSecret ? 'signing secret' : 'heartbeat address' } : null);
  }, () => draw());
  const act = (label, request) => action(view, label, request, () => render(view));
  const showDeliveries = (c) => async () => {
    const answer = await api(`/notifications?channelId=${c.id}`);
    deliveries = { channel: c, items: answer.items.slice(0, 20) };
    draw();
  };

  const channelBody = () => {
    const body = { name: channel.name, type: channel.type };
    if (channel.target) body.target = channel.target;
    if (CHANNEL_TYPES[channel.type].credential && channel.credential) body.credential = channel.credential;
    return body;
  };
  const checkBody = () => {
    const body = { serviceId: check.serviceId, name: check.name, kind: check.kind, intervalSeconds: number(check.intervalSeconds) };
    if (check.kind !== 'HEARTBEAT') Object.assign(body, { url: check.url, timeoutMs: number(check.timeoutMs), retries: number(check.retries) });
    if (check.kind === 'HTTP') {
      body.expectedStatus = number(check.expectedStatus);
      if (check.bodyContains) body.bodyContains = check.bodyContains;
      if (check.jsonPath) Object.assign(body, { jsonPath: check.jsonPath, jsonExpected: check.jsonExpected });
    }
    if (check.kind === 'TLS') body.tlsMinDays = number(check.tlsMinDays);
    if (check.kind === 'HEARTBEAT') body.graceSeconds = number(check.graceSeconds);
    return body;
  };
  const ruleBody = () => {
    const body = { name: rule.name, kind: rule.kind, urgency: rule.urgency, incidentSeverity: rule.incidentSeverity, channelIds: rule.channelIds };
    if (rule.escalationPolicyId) body.escalationPolicyId = rule.escalationPolicyId;
    if (rule.kind === 'LATENCY' || rule.kind === 'ERROR_RATE') {
      Object.assign(body, { serviceId: rule.serviceId, threshold: number(rule.threshold), windowMinutes: number(rule.windowMinutes),
        minimumRequests: number(rule.minimumRequests) });
      if (rule.kind === 'LATENCY') body.quantile = number(rule.quantile);
    }
    if (rule.kind === 'CHECK_DOWN') body.checkId = rule.checkId;
    if (rule.kind === 'BURN_RATE') body.sloId = rule.sloId;
    return body;
  };

  const draw = () => view.show('Alerting', html`
    ${secret ? html`<div class="card secret" role="status" data-testid="shown-once">
      <p>The ${secret.what} of <strong>${secret.name}</strong>, shown this once:</p><p><code data-testid="secret">${secret.value}</code></p></div>` : nothing}

    <h2>Notification channels</h2>
    ${table('Notification channels', ['Channel', 'Type', 'Target', 'Credential', 'Actions'], channels.items.map((c) => [c.name, c.type, c.target || '—',
      c.hasCredential ? 'kept' : c.signed ? 'signed' : '—',
      html`<button type="button" aria-label="Send a test to ${c.name}" @click=${act(`Test sent to ${c.name}`, () => api(`/notification-channels/${c.id}/tests`, { method: 'POST' }))}>Send a test</button>
        <button type="button" aria-label="Deliveries of ${c.name}" @click=${showDeliveries(c)}>Deliveries</button>
        <button type="button" aria-label="Delete ${c.name}" @click=${act(`Channel ${c.name} deleted`, () => api(`/notification-channels/${c.id}`, { method: 'DELETE' }))}>Delete</button>`]))}
    ${deliveries ? html`<h3>Deliveries of ${deliveries.channel.name}, newest first</h3>
      ${table(`Deliveries of ${deliveries.channel.name}`, ['Created', 'Event', 'State', 'Attempts', 'Delivered', 'Last error'], deliveries.items.map((n) => [
        fmt.time(n.createdAt), n.event, html`<span data-testid="delivery-state">${n.state}</span>`, String(n.attempts), fmt.time(n.deliveredAt), n.lastError || '']))}` : nothing}

    <h2>Checks</h2>
    ${table('Checks', ['Check', 'Kind', 'Service', 'Status', 'Last run', 'Latency', 'Certificate expires', 'Last beat', 'Actions'], checks.items.map((c) => [c.name, c.kind,
      serviceName(c.serviceId), status(c.status), fmt.time(c.lastRunAt), c.lastLatencyMs == null ? '—' : `${fmt.num(c.lastLatencyMs, 1)} ms`,
      fmt.time(c.tlsExpiresAt), fmt.time(c.lastBeatAt),
      c.kind === 'HEARTBEAT' ? '' : html`<button type="button" aria-label="Run ${c.name} now" @click=${act(`${c.name} ran`, () => api(`/checks/${c.id}/runs`, { method: 'POST' }))}>Run now</button>`]))}

    <h2>Alert rules</h2>
    ${table('Alert rules', ['Rule', 'Kind', 'On', 'Urgency', 'Enabled', 'Open alert'], rules.items.map((r) => [r.name, r.kind,
      r.sloId ? `SLO ${(slos.items.find((s) => s.id === r.sloId) || {}).name || ''}` : r.checkId ? `check ${(checks.items.find((c) => c.id === r.checkId) || {}).name || ''}` : serviceName(r.serviceId),
      r.urgency, r.enabled ? 'yes' : 'no', r.openAlertId ? status('FIRING') : '—']))}

    <div class="grid">
    <section class="card" aria-labelledby="channel-title">
      <h2 id="channel-title">Define a channel</h2>
      <form class="stack" novalidate @submit=${submit('channel', CHANNEL_FIELDS, () => api('/notification-channels', { method: 'POST', body: channelBody() }))}>
        ${text(channel, 'channel', 'name', 'Name')}
        ${choice(channel, 'channel', 'type', 'Type', Object.keys(CHANNEL_TYPES).map((t) => [t, CHANNEL_TYPES[t].label]), draw)}
        ${text(channel, 'channel', 'target', 'Target', CHANNEL_TYPES[channel.type].target)}
        ${CHANNEL_TYPES[channel.type].credential ? text(channel, 'channel', 'credential', CHANNEL_TYPES[channel.type].credential) : nothing}
        ${formError(errors.channel)}
        <button type="submit">Define the channel</button>
      </form>
    </section>

    <section class="card" aria-labelledby="check-title">
      <h2 id="check-title">Define a check</h2>
      <form class="stack" novalidate @submit=${submit('check', CHECK_FIELDS, () => api('/checks', { method: 'POST', body: checkBody() }))}>
        ${choice(check, 'check', 'kind', 'Kind', Object.keys(CHECK_KINDS).map((k) => [k, k]), draw)}
        <p class="hint">${CHECK_KINDS[check.kind]}</p>
        ${choice(check, 'check', 'serviceId', 'Service', services.items.map((s) => [s.id, s.displayName]))}
        ${text(check, 'check', 'name', 'Name')}
        ${check.kind !== 'HEARTBEAT' ? text(check, 'check', 'url', 'Address') : nothing}
        ${text(check, 'check', 'intervalSeconds', check.kind === 'HEARTBEAT' ? 'Expected every (seconds)' : 'Every (seconds)')}
        ${check.kind === 'HTTP' ? html`${text(check, 'check', 'expectedStatus', 'Expected status')}
          ${text(check, 'check', 'bodyContains', 'Body contains (optional)')}
          ${text(check, 'check', 'jsonPath', 'JSON path (optional)', 'e.g. $.status')}
          ${text(check, 'check', 'jsonExpected', 'JSON value expected there')}` : nothing}
        ${check.kind === 'TLS' ? text(check, 'check', 'tlsMinDays', 'Down when the certificate expires within (days)') : nothing}
        ${check.kind === 'HEARTBEAT' ? text(check, 'check', 'graceSeconds', 'Grace (seconds)') : nothing}
        ${formError(errors.check)}
        <button type="submit">Define the check</button>
      </form>
    </section>

    <section class="card" aria-labelledby="rule-title">
      <h2 id="rule-title">Define an alert rule</h2>
      <form class="stack" novalidate @submit=${submit('rule', RULE_FIELDS, () => api('/alert-rules', { method: 'POST', body: ruleBody() }))}>
        ${text(rule, 'rule', 'name', 'Name')}
        ${choice(rule, 'rule', 'kind', 'Kind', Object.keys(RULE_KINDS).map((k) => [k, k]), draw)}
        <p class="hint">${RULE_KINDS[rule.kind]}</p>
        ${rule.kind === 'LATENCY' || rule.kind === 'ERROR_RATE' ? html`
          ${choice(rule, 'rule', 'serviceId', 'Service', services.items.map((s) => [s.id, s.displayName]))}
          ${rule.kind === 'LATENCY' ? text(rule, 'rule', 'quantile', 'Percentile (0.95 = p95)') : nothing}
          ${text(rule, 'rule', 'threshold', rule.kind === 'LATENCY' ? 'Above (ms)' : 'Above (ratio)')}
          ${text(rule, 'rule', 'windowMinutes', 'Over the last (minutes)')}
          ${text(rule, 'rule', 'minimumRequests', 'At least (requests)')}` : nothing}
        ${rule.kind === 'CHECK_DOWN' ? choice(rule, 'rule', 'checkId', 'Check', [['', '—'], ...checks.items.map((c) => [c.id, c.name])]) : nothing}
        ${rule.kind === 'BURN_RATE' ? choice(rule, 'rule', 'sloId', 'SLO', [['', '—'], ...slos.items.map((s) => [s.id, s.displayName || s.name])]) : nothing}
        ${choice(rule, 'rule', 'urgency', 'Urgency', [['PAGE', 'Page (opens an incident)'], ['TICKET', 'Ticket']])}
        ${choice(rule, 'rule', 'incidentSeverity', 'Incident severity', ['P0', 'P1', 'P2', 'P3'].map((p) => [p, p]))}
        ${choice(rule, 'rule', 'escalationPolicyId', 'Escalation policy', [['', 'none'], ...policies.items.map((p) => [p.id, p.name])])}
        <fieldset><legend>Channels</legend>
          ${channels.items.map((c) => html`<label class="inline"><input type="checkbox" .checked=${live(rule.channelIds.includes(c.id))}
            @change=${(e) => { rule.channelIds = e.target.checked ? [...rule.channelIds, c.id] : rule.channelIds.filter((x) => x !== c.id); }}> ${c.name}</label>`)}
        </fieldset>
        ${formError(errors.rule)}
        <button type="submit">Define the rule</button>
      </form>
    </section>
    </div>`, { focus: false });

  if (draw()) {
    view.main.focus({ preventScroll: true });
    view.say('Alerting loaded');
  }
}
