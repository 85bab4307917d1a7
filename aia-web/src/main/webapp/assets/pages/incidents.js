// Incidents: the list (newest first), who is on call now per schedule, and declaring an incident (severity, services,
// escalation policy, what the public status page says).
import { html, live, nothing } from '../lib.js';
import { api, all } from '../api.js';
import { FormErrors, errorAt, fmt, formError, status, table, textInput } from '../ui.js';

const FIELDS = ['title', 'publicTitle', 'severity', 'serviceIds', 'summary', 'escalationPolicyId'];

export async function render(view) {
  const signal = view.signal;
  const [incidents, schedules, members, services, policies] = await Promise.all([api('/incidents?order=newest&limit=200', { signal }),
    api('/schedules', { signal }), all('/members', 5000, signal).catch(() => ({ items: [] })), all('/services', 5000, signal),
    api('/escalation-policies', { signal })]);
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

  const draw = () => view.show('Incidents', html`
    ${table('Incidents, newest first', ['Incident', 'Severity', 'State', 'Triggered', 'Response SLA'], incidents.items.map((i) => [
      html`<a href="#/incidents/${i.id}">${i.title}</a>`, status(i.severity), status(i.state), fmt.time(i.triggeredAt),
      i.responseSlaMissed ? status('MISSED') : 'met or pending']))}
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
