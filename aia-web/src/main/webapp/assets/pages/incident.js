// One incident: its state and actions (acknowledge, mitigate, resolve, severity), roles, the timeline with notes
// (internal or public), the postmortem once resolved, and its action items.
import { html, live, nothing } from '../lib.js';
import { api, all, optional } from '../api.js';
import { FormErrors, action, errorAt, fmt, formError, status, submitter, table, textInput } from '../ui.js';

const ROLES = ['COMMANDER', 'SCRIBE', 'LIAISON'];

export async function render(view, id) {
  const signal = view.signal;
  const [incident, timeline, postmortem, items, members] = await Promise.all([api(`/incidents/${id}`, { signal }),
    api(`/incidents/${id}/timeline`, { signal }), optional(api(`/incidents/${id}/postmortem`, { signal }), null),
    api(`/incidents/${id}/action-items`, { signal }), all('/members', 5000, signal).catch(() => ({ items: [] }))]);
  const name = (memberId) => (members.items.find((m) => m.id === memberId) || {}).displayName || (memberId ? 'someone' : 'nobody');
  const again = () => render(view, id);
  const allowed = incident.allowedTransitions || [];
  const severity = { value: incident.severity };
  const note = { text: '', publicUpdate: false };
  const pm = { summary: postmortem?.summary || '', impact: postmortem?.impact || '', rootCause: postmortem?.rootCause || '', lessons: postmortem?.lessons || '' };
  const item = { title: '', ownerId: members.items[0]?.id || '', dueOn: new Date(Date.now() + 14 * 86400000).toISOString().slice(0, 10) };
  const errors = { note: new FormErrors(), pm: new FormErrors(), item: new FormErrors() };
  const canWritePostmortem = ['RESOLVED', 'POSTMORTEM'].includes(incident.state);

  const move = (to, label) => html`<button type="button" @click=${action(view, label, () => api(`/incidents/${id}/transitions`, { method: 'POST', body: { to } }), again)}>${label}</button>`;
  const addNote = submitter(view, errors.note, ['text'], () => api(`/incidents/${id}/timeline`, { method: 'POST', body: note }),
    () => { view.say('Note added'); return again(); }, () => draw());
  const writePostmortem = submitter(view, errors.pm, ['summary', 'impact', 'rootCause', 'lessons'],
    () => api(`/incidents/${id}/postmortem`, { method: 'PUT', body: pm }), () => { view.say('Postmortem saved'); return again(); }, () => draw());
  const addItem = submitter(view, errors.item, ['title', 'ownerId', 'dueOn'], () => api(`/incidents/${id}/action-items`, { method: 'POST', body: item }),
    () => { view.say('Action item added'); return again(); }, () => draw());
  const area = (state, form, key, label) => html`<label for="${form}-${key}">${label}</label>
    <textarea id="${form}-${key}" .value=${live(state[key])} @input=${(e) => { state[key] = e.target.value; }}
      aria-invalid=${errors[form].byField[key] ? 'true' : 'false'}></textarea>${errorAt(errors[form], key)}`;

  const draw = () => view.show(incident.title, html`
    <p>State <span data-testid="incident-state">${status(incident.state)}</span> · severity ${status(incident.severity)}
      · triggered ${fmt.time(incident.triggeredAt)}${incident.acknowledgedAt ? ` · acknowledged ${fmt.time(incident.acknowledgedAt)}` : ''}${
      incident.resolvedAt ? ` · resolved ${fmt.time(incident.resolvedAt)}` : ''}</p>
    <div class="actions">
      ${allowed.includes('ACKNOWLEDGED') ? move('ACKNOWLEDGED', 'Acknowledge') : nothing}
      ${allowed.includes('MITIGATED') ? move('MITIGATED', 'Mark mitigated') : nothing}
      ${allowed.includes('RESOLVED') ? move('RESOLVED', 'Resolve') : nothing}
      <label for="severity">Severity</label>
      <select id="severity" @change=${(e) => { severity.value = e.target.value; }}>
        ${['P0', 'P1', 'P2', 'P3'].map((s) => html`<option ?selected=${s === incident.severity}>${s}</option>`)}</select>
      <button type="button" @click=${action(view, 'Change severity', () => api(`/incidents/${id}/severity`, { method: 'PUT',
        body: { severity: severity.value, reason: 'changed on the dashboard' } }), again)}>Change severity</button>
    </div>
    <h2>Roles</h2>
    ${table('Roles', ['Role', 'Who', 'Assign'], ROLES.map((role) => [role.toLowerCase(), name(incident[role.toLowerCase()]),
      html`<label class="visually-hidden" for="role-${role}">${role.toLowerCase()}</label>
        <select id="role-${role}" @change=${(e) => action(view, `${role.toLowerCase()} assigned`, () => api(`/incidents/${id}/roles`, { method: 'PUT',
          body: { role, memberId: e.target.value } }), again)()}>
          <option value="">choose…</option>
          ${members.items.map((m) => html`<option value=${m.id}>${m.displayName}</option>`)}</select>`]))}
    <h2>Timeline</h2>
    <ol class="timeline">${timeline.items.map((t) => html`<li><strong>${fmt.time(t.at)} · ${t.kind}</strong> — ${t.text || ''}${
      t.publicUpdate ? html` <span class="muted">(public)</span>` : ''}${t.actor ? html`<span class="muted"> (${t.actor})</span>` : ''}</li>`)}</ol>
    <form class="stack" novalidate @submit=${addNote}>
      ${area(note, 'note', 'text', 'A note on the timeline')}
      <label class="inline"><input type="checkbox" id="note-public" @change=${(e) => { note.publicUpdate = e.target.checked; }}> Post it on the public status page</label>
      ${formError(errors.note)}
      <button type="submit">Add the note</button>
    </form>
    <h2>Postmortem</h2>
    ${canWritePostmortem ? html`<form class="stack" novalidate @submit=${writePostmortem}>
      ${area(pm, 'pm', 'summary', 'Summary')}${area(pm, 'pm', 'impact', 'Impact')}${area(pm, 'pm', 'rootCause', 'Root cause')}${area(pm, 'pm', 'lessons', 'Lessons')}
      ${formError(errors.pm)}
      <button type="submit">${postmortem ? 'Save the postmortem' : 'Write the postmortem'}</button>
    </form>` : html`<p class="muted">${postmortem ? postmortem.summary : 'A postmortem is written once the incident is resolved.'}</p>`}
    <h2>Action items</h2>
    ${table('Action items', ['Item', 'Owner', 'Due', 'State'], items.items.map((a) => [a.title, name(a.ownerId), `${a.dueOn}${a.overdue ? ' (overdue)' : ''}`, status(a.state)]))}
    <form class="stack" novalidate @submit=${addItem}>
      ${textInput(item, errors.item, 'item', 'title', 'A new action item')}
      <label for="item-ownerId">Owner</label>
      <select id="item-ownerId" @change=${(e) => { item.ownerId = e.target.value; }}>
        ${members.items.map((m) => html`<option value=${m.id}>${m.displayName}</option>`)}</select>
      ${textInput(item, errors.item, 'item', 'dueOn', 'Due on', { type: 'date' })}
      ${formError(errors.item)}
      <button type="submit">Add the action item</button>
    </form>`, { focus: false });

  if (draw()) {
    view.main.focus({ preventScroll: true });
    view.say(`${incident.title} loaded`);
  }
}
