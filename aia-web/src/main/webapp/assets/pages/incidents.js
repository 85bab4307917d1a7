// Incidents: the list (newest first, filtered by the server on status, severity and service, a page at a time), who is on
// call now per schedule, and declaring an incident (severity, services, escalation policy, what the status page says).
import { html, live, nothing } from '../lib.js';
import { api, all } from '../api.js';
import { FormErrors, errorAt, fmt, formError, status, table, textInput } from '../ui.js';

const FIELDS = ['title', 'publicTitle', 'severity', 'serviceIds', 'summary', 'escalationPolicyId'];

export async function render(view) {
  const signal = view.signal;
  const filter = { status: '', severity: '', serviceId: '' };
  const query = (cursor) => {
    const parameters = new URLSearchParams({ order: 'newest', limit: '50' });
    for (const [key, value] of Object.entries(filter)) if (value) parameters.set(key, value);
    if (cursor) parameters.set('cursor', cursor);
    return `/incidents?${parameters}`;
  };
  const [first, schedules, members, services, policies] = await Promise.all([api(query(), { signal }),
    api('/schedules', { signal }), all('/members', 5000, signal).catch(() => ({ items: [] })), all('/services', 5000, signal),
    api('/escalation-policies', { signal })]);
  const incidents = { items: first.items, next: first.nextCursor };
  const name = (id) => (members.items.find((m) => m.id === id) || {}).displayName || (id ? 'someone' : 'nobody');
  const draft = { title: '', publicTitle: '', severity: 'P2', serviceIds: [], summary: '', escalationPolicyId: policies.items[0]?.id || '' };
  const errors = new FormErrors();

  const declare = async (event) => {
    event.preventDefault();
    const body = { title: draft.title, severity: draft.severity, serviceIds: draft.serviceIds };
    if (draft.publicTitle) body.publicTitle = draft.publicTitle;
    if (draft.summary) body.summary = draft.summary;
    if (draft.escalationPolicyId) body.escalationPolicyId = draft.escalationPolicyId;
    try {
      const incident = await api('/incidents', { method: 'POST', body });
      view.say(`Incident ${incident.title} declared`);
      location.hash = `#/incidents/${incident.id}`;
    } catch (e) {
      errors.take(e, FIELDS);
      draw();
    }
  };
  const text = (key, label, hint) => textInput(draft, errors, 'incident', key, label, { hint });
  // A filter asks the server again from the first page; "more" follows the cursor.
  const refilter = (key) => async (event) => {
    filter[key] = event.target.value;
    const page = await api(query(), { signal });
    incidents.items = page.items;
    incidents.next = page.nextCursor;
    view.say(`${incidents.items.length}${incidents.next ? '+' : ''} incidents`);
    draw();
  };
  const more = async () => {
    const page = await api(query(incidents.next), { signal });
    incidents.items = [...incidents.items, ...page.items];
    incidents.next = page.nextCursor;
    draw();
  };
  const choice = (key, label, options) => html`<label for="filter-${key}">${label}</label>
    <select id="filter-${key}" @change=${refilter(key)}>
      ${options.map(([value, text]) => html`<option value=${value} ?selected=${filter[key] === value}>${text}</option>`)}</select>`;

  const draw = () => view.show('Incidents', html`
    <form class="filters" role="search" aria-label="Filter the incidents" @submit=${(e) => e.preventDefault()}>
      ${choice('status', 'Status', [['', 'any'], ['open', 'open'], ['closed', 'resolved or closed']])}
      ${choice('severity', 'Severity', [['', 'any'], ...['P0', 'P1', 'P2', 'P3'].map((p) => [p, p])])}
      ${choice('serviceId', 'Service', [['', 'any'], ...services.items.map((s) => [s.id, s.displayName])])}
    </form>
    ${table('Incidents, newest first', ['Incident', 'Severity', 'State', 'Triggered', 'Response SLA'], incidents.items.map((i) => [
      html`<a href="#/incidents/${i.id}">${i.title}</a>`, status(i.severity), status(i.state), fmt.time(i.triggeredAt),
      i.responseSlaMissed ? status('MISSED') : 'met or pending']))}
    ${incidents.next ? html`<p><button type="button" @click=${more}>Show more incidents</button></p>` : nothing}
    <h2>On call</h2>
    ${table('Who is on call now', ['Schedule', 'Now', 'Members in turn'], schedules.items.map((s) => [s.name, name(s.onCallNow),
      s.members.map(name).join(' → ')]))}
    <p><a href="#/on-call">Schedules, escalation policies and calendar feeds</a></p>
    <section class="card" aria-labelledby="declare-title">
      <h2 id="declare-title">Declare an incident</h2>
      <form class="stack" novalidate @submit=${declare}>
        ${text('title', 'Title (internal)')}
        <label for="incident-severity">Severity</label>
        <select id="incident-severity" @change=${(e) => { draft.severity = e.target.value; }}>
          ${['P0', 'P1', 'P2', 'P3'].map((p) => html`<option ?selected=${p === draft.severity}>${p}</option>`)}</select>
        <fieldset><legend>Services affected</legend>
          ${services.items.map((s) => html`<label class="inline"><input type="checkbox" .checked=${live(draft.serviceIds.includes(s.id))}
            @change=${(e) => { draft.serviceIds = e.target.checked ? [...draft.serviceIds, s.id] : draft.serviceIds.filter((x) => x !== s.id); }}> ${s.displayName}</label>`)}
        </fieldset>
        ${errorAt(errors, 'serviceIds')}
        ${text('publicTitle', 'Title on the status page (optional)', 'blank: a neutral "Investigating an issue with …"')}
        <label for="incident-summary">Summary (internal)</label>
        <textarea id="incident-summary" .value=${live(draft.summary)} @input=${(e) => { draft.summary = e.target.value; }}></textarea>
        <label for="incident-policy">Escalation policy</label>
        <select id="incident-policy" @change=${(e) => { draft.escalationPolicyId = e.target.value; }}>
          <option value="">none: nobody is paged</option>
          ${policies.items.map((p) => html`<option value=${p.id} ?selected=${p.id === draft.escalationPolicyId}>${p.name}</option>`)}</select>
        ${formError(errors)}
        <button type="submit">Declare the incident</button>
      </form>
    </section>`, { focus: false });

  if (draw()) {
    view.main.focus({ preventScroll: true });
    view.say('Incidents loaded');
  }
}
