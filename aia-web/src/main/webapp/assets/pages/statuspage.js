// The public status page's configuration: its components (services shown, in order, a status set by hand), the
// maintenance windows announced on it (one-off or recurring in a time zone), and its subscribers (removable).
import { html, nothing } from '../lib.js';
import { api, all } from '../api.js';
import { FormErrors, action, fmt, formError, submitter, table, textInput } from '../ui.js';

const STATUSES = ['OPERATIONAL', 'UNDER_MAINTENANCE', 'DEGRADED_PERFORMANCE', 'PARTIAL_OUTAGE', 'MAJOR_OUTAGE'];
const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

export async function render(view) {
  const signal = view.signal;
  const now = new Date();
  const [components, windows, services, session, subscribers] = await Promise.all([api('/status-components', { signal }),
    api(`/maintenance-windows?from=${new Date(now.getTime() - 86400000).toISOString()}&to=${new Date(now.getTime() + 90 * 86400000).toISOString()}`, { signal }),
    all('/services', 5000, signal), api('/sessions/current', { signal }).catch(() => null),
    api('/status-subscribers', { signal }).catch(() => null)]);
  const serviceName = (id) => (id ? (services.items.find((s) => s.id === id) || {}).displayName || '—' : 'every service');
  const errors = { component: new FormErrors(), window: new FormErrors() };
  const component = { serviceId: services.items[0]?.id || '', name: '', position: String(components.items.length + 1) };
  const window = { serviceId: '', title: '', startsAt: '', endsAt: '', recurrence: 'NONE', timeZone: 'UTC' };
  const slug = session && session.current ? session.current.slug : null;

  const submit = (form, fields, send) => submitter(view, errors[form], fields, send, () => { view.say('Saved'); return render(view); }, () => draw());
  const act = (label, request) => action(view, label, request, () => render(view));
  const text = (state, form, key, label, type = 'text') => textInput(state, errors[form], form, key, label, { type });
  // datetime-local is the person's local time; the API takes instants.
  const instant = (local) => (local ? new Date(local).toISOString() : null);

  const draw = () => view.show('Status page', html`
    ${slug ? html`<p>Public at <a href="/status/${slug}">/status/${slug}</a> · <a href="/api/v1/status-pages/${slug}/feed.atom">Atom feed</a>
      · <a href="/api/v1/status-pages/${slug}/summary.json">summary.json</a></p>` : nothing}
    <h2>Components</h2>
    ${table('Components', ['Position', 'Component', 'Service', 'Set by hand', 'Actions'], components.items.map((c) => [String(c.position), c.name,
      serviceName(c.serviceId), c.override || '—',
      html`<label class="visually-hidden" for="override-${c.id}">Status of ${c.name}</label>
        <select id="override-${c.id}" @change=${(e) => act(`Status of ${c.name}`, () => api(`/status-components/${c.id}/override`, { method: 'PUT',
          body: e.target.value ? { status: e.target.value } : {} }))()}>
          <option value="" ?selected=${!c.override}>from what is measured</option>
          ${STATUSES.map((st) => html`<option value=${st} ?selected=${st === c.override}>${st}</option>`)}</select>
        <button type="button" aria-label="Remove ${c.name}" @click=${act(`${c.name} removed`, () => api(`/status-components/${c.id}`, { method: 'DELETE' }))}>Remove</button>`]), { numeric: [0] })}
    <h2>Maintenance (from yesterday, the next 90 days)</h2>
    ${table('Maintenance windows', ['Title', 'Of', 'Starts', 'Ends', 'Repeats', 'Actions'], windows.items.map((w) => [w.title, serviceName(w.serviceId),
      fmt.time(w.startsAt), fmt.time(w.endsAt), w.recurrence === 'NONE' ? 'no' : `${w.recurrence.toLowerCase()} (${w.timeZone})`,
      html`<button type="button" aria-label="Cancel ${w.title}" @click=${act(`${w.title} cancelled`, () => api(`/maintenance-windows/${w.id}`, { method: 'DELETE' }))}>Cancel</button>`]))}
    <h2>Subscribers</h2>
    ${subscribers === null ? html`<p class="muted">Only an ADMIN sees the subscribers.</p>` : table('Subscribers', ['Kind', 'Address', 'Components', 'Confirmed', 'Since', 'Actions'],
      subscribers.items.map((x) => [x.kind, x.address, x.serviceIds.length ? x.serviceIds.map(serviceName).join(', ') : 'all',
        x.confirmed ? fmt.time(x.confirmedAt) : 'not yet (e-mail sent)', fmt.time(x.createdAt),
        html`<button type="button" aria-label="Remove ${x.address}" @click=${act(`${x.address} removed`, () => api(`/status-subscribers/${x.id}`, { method: 'DELETE' }))}>Remove</button>`]))}
    <div class="grid">
    <section class="card" aria-labelledby="component-title">
      <h2 id="component-title">Show a service</h2>
      <form class="stack" novalidate @submit=${submit('component', ['serviceId', 'name', 'position'], () => api('/status-components', { method: 'POST',
        body: { serviceId: component.serviceId, name: component.name, position: Number(component.position) } }))}>
        <label for="component-serviceId">Service</label>
        <select id="component-serviceId" @change=${(e) => { component.serviceId = e.target.value; }}>
          ${services.items.map((s) => html`<option value=${s.id}>${s.displayName}</option>`)}</select>
        ${text(component, 'component', 'name', 'Name the public sees')}
        ${text(component, 'component', 'position', 'Position')}
        ${formError(errors.component)}
        <button type="submit">Add the component</button>
      </form>
    </section>
    <section class="card" aria-labelledby="announce-title">
      <h2 id="announce-title">Announce maintenance</h2>
      <form class="stack" novalidate @submit=${submit('window', ['serviceId', 'title', 'startsAt', 'endsAt', 'recurrence', 'timeZone'], () => {
        const body = { title: window.title, startsAt: instant(window.startsAt), endsAt: instant(window.endsAt), recurrence: window.recurrence };
        if (window.serviceId) body.serviceId = window.serviceId;
        if (window.recurrence !== 'NONE') body.timeZone = window.timeZone;
        return api('/maintenance-windows', { method: 'POST', body });
      })}>
        ${text(window, 'window', 'title', 'Title')}
        <label for="window-serviceId">Of</label>
        <select id="window-serviceId" @change=${(e) => { window.serviceId = e.target.value; }}>
          <option value="">every service</option>
          ${services.items.map((s) => html`<option value=${s.id}>${s.displayName}</option>`)}</select>
        ${text(window, 'window', 'startsAt', 'Starts (your time)', 'datetime-local')}
        ${text(window, 'window', 'endsAt', 'Ends (your time)', 'datetime-local')}
        <label for="window-recurrence">Repeats</label>
        <select id="window-recurrence" @change=${(e) => { window.recurrence = e.target.value; draw(); }}>
          ${['NONE', 'DAILY', 'WEEKLY', 'MONTHLY'].map((r) => html`<option value=${r} ?selected=${r === window.recurrence}>${r === 'NONE' ? 'no' : r.toLowerCase()}</option>`)}</select>
        ${window.recurrence !== 'NONE' ? html`<label for="window-timeZone">At the local time of</label>
          <select id="window-timeZone" @change=${(e) => { window.timeZone = e.target.value; }}>
            ${ZONES.map((z) => html`<option ?selected=${z === window.timeZone}>${z}</option>`)}</select>` : nothing}
        ${formError(errors.window)}
        <button type="submit">Announce</button>
      </form>
    </section>
    </div>`, { focus: false });

  if (draw()) {
    view.main.focus({ preventScroll: true });
    view.say('Status page loaded');
  }
}
