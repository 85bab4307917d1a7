// Services: the catalog with each service's SLO states (one request for every SLO's status), and registering a service.
import { html, nothing } from '../lib.js';
import { api, all } from '../api.js';
import { FormErrors, formError, status, submitter, table, textInput } from '../ui.js';

const FIELDS = ['slug', 'displayName', 'ownerTeam', 'tier', 'description'];

export async function render(view) {
  const [services, slos] = await Promise.all([all('/services', 5000, view.signal), all('/slos/statuses', 5000, view.signal)]);
  const draft = { slug: '', displayName: '', ownerTeam: '', tier: 'STANDARD', description: '' };
  const errors = new FormErrors();

  const register = submitter(view, errors, FIELDS, () => {
    const body = { slug: draft.slug, displayName: draft.displayName, ownerTeam: draft.ownerTeam, tier: draft.tier };
    if (draft.description) body.description = draft.description;
    return api('/services', { method: 'POST', body });
  }, (service) => {
    view.say(`Service ${service.displayName} registered`);
    return render(view);
  }, () => draw());

  const draw = () => view.show('Services', html`
    ${table('Services', ['Service', 'Tier', 'Owner', 'SLOs'], services.items.map((svc) => [
      html`<a href="#/services/${svc.id}">${svc.displayName}</a>`, svc.tier, svc.ownerTeam,
      html`${slos.items.filter(({ slo }) => slo.serviceId === svc.id).map(({ slo, status: s }) => html`${slo.displayName || slo.name}: ${status(s.state)} `)}`]))}
    <section class="card" aria-labelledby="register-title">
      <h2 id="register-title">Register a service</h2>
      <form class="stack" novalidate @submit=${register}>
        ${textInput(draft, errors, 'service', 'slug', 'Slug', { hint: 'lowercase letters, digits and dashes; how telemetry names the service' })}
        ${textInput(draft, errors, 'service', 'displayName', 'Name')}
        ${textInput(draft, errors, 'service', 'ownerTeam', 'Owner team')}
        <label for="service-tier">SLA tier</label>
        <select id="service-tier" @change=${(e) => { draft.tier = e.target.value; }}>
          ${['STANDARD', 'PRO', 'ENTERPRISE'].map((t) => html`<option ?selected=${t === draft.tier}>${t}</option>`)}</select>
        ${textInput(draft, errors, 'service', 'description', 'Description (optional)')}
        ${formError(errors)}
        <button type="submit">Register the service</button>
      </form>
    </section>`, { focus: false });

  if (draw()) {
    view.main.focus({ preventScroll: true });
    view.say('Services loaded');
  }
}
