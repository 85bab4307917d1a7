// Integrations in: Alertmanager, Grafana, PagerDuty-compatible senders, GitHub and GitLab — each with its endpoint, its
// secret and the sender's configuration shown once with a copy button, rotation, and its last event and last error.
import { html, nothing } from '../lib.js';
import { api, all } from '../api.js';
import { FormErrors, action, errorAt, fmt, formError, submitter, table, textInput } from '../ui.js';

const KINDS = { ALERTMANAGER: 'Prometheus Alertmanager', GRAFANA: 'Grafana alerting', PAGERDUTY: 'PagerDuty Events API v2 sender',
  GITHUB: 'GitHub (deployments, pushes)', GITLAB: 'GitLab (deployments, pushes)' };
const FIELDS = ['kind', 'name', 'serviceId', 'escalationPolicyId', 'repository'];

export async function render(view, created = null) {
  const signal = view.signal;
  const [integrations, services, policies] = await Promise.all([api('/integrations', { signal }), all('/services', 5000, signal),
    api('/escalation-policies', { signal })]);
  const draft = { kind: 'ALERTMANAGER', name: '', serviceId: services.items[0]?.id || '', escalationPolicyId: '', repository: '' };
  const errors = new FormErrors();
  const serviceName = (id) => (services.items.find((s) => s.id === id) || {}).displayName || '—';
  const deploys = () => draft.kind === 'GITHUB' || draft.kind === 'GITLAB';

  const create = submitter(view, errors, FIELDS, () => {
    const body = { kind: draft.kind, name: draft.name, serviceId: draft.serviceId };
    if (!deploys() && draft.escalationPolicyId) body.escalationPolicyId = draft.escalationPolicyId;
    if (deploys()) body.repository = draft.repository;
    return api('/integrations', { method: 'POST', body });
  }, (answer) => {
    view.say(`Integration ${answer.integration.name} made: copy its configuration now, its secret is not shown again`);
    return render(view, answer);
  }, () => draw());
  const rotate = (i) => async () => {
    const answer = await api(`/integrations/${i.id}/secret`, { method: 'POST' });
    view.say(`The secret of ${i.name} rotated`);
    await render(view, answer);
  };

  const draw = () => view.show('Integrations', html`
    ${created ? html`<section class="card secret" role="status" aria-labelledby="created-title">
      <h2 id="created-title">${created.integration.name}: set this on the sender (shown this once)</h2>
      ${Object.entries(created.senderConfiguration).map(([what, text]) => html`<h3>${what}</h3>
        <pre data-testid="sender-configuration">${text}</pre>
        <button type="button" @click=${() => navigator.clipboard?.writeText(text)}>Copy ${what}</button>`)}
    </section>` : nothing}
    ${table('Integrations', ['Integration', 'Kind', 'Service', 'Endpoint', 'Last event', 'Last error', 'Actions'], integrations.items.map((i) => [i.name,
      KINDS[i.kind] || i.kind, serviceName(i.serviceId), html`<code>${i.endpoint}</code>`,
      i.lastEventAt ? `${fmt.time(i.lastEventAt)}: ${i.lastEvent || ''}` : 'none yet', i.lastErrorAt ? `${fmt.time(i.lastErrorAt)}: ${i.lastError || ''}` : '—',
      html`<button type="button" aria-label="Rotate the secret of ${i.name}" @click=${rotate(i)}>Rotate secret</button>
        <button type="button" aria-label="Remove ${i.name}" @click=${action(view, `${i.name} removed`, () => api(`/integrations/${i.id}`, { method: 'DELETE' }), () => render(view))}>Remove</button>`]))}
    <section class="card" aria-labelledby="create-title">
      <h2 id="create-title">Connect a sender</h2>
      <form class="stack" novalidate @submit=${create}>
        <label for="integration-kind">Sender</label>
        <select id="integration-kind" @change=${(e) => { draft.kind = e.target.value; draw(); }}>
          ${Object.entries(KINDS).map(([k, label]) => html`<option value=${k} ?selected=${k === draft.kind}>${label}</option>`)}</select>
        ${textInput(draft, errors, 'integration', 'name', 'Name')}
        <label for="integration-serviceId">Service</label>
        <select id="integration-serviceId" @change=${(e) => { draft.serviceId = e.target.value; }}>
          ${services.items.map((s) => html`<option value=${s.id}>${s.displayName}</option>`)}</select>
        ${errorAt(errors, 'serviceId')}
        ${deploys() ? textInput(draft, errors, 'integration', 'repository', 'Repository', { hint: 'owner/name (GitHub) or group/project (GitLab)' }) : html`
          <label for="integration-policy">Escalation policy for the incidents its alerts open</label>
          <select id="integration-policy" @change=${(e) => { draft.escalationPolicyId = e.target.value; }}>
            <option value="">none</option>
            ${policies.items.map((p) => html`<option value=${p.id}>${p.name}</option>`)}</select>`}
        ${formError(errors)}
        <button type="submit">Connect</button>
      </form>
    </section>`, { focus: false });

  if (draw()) {
    view.main.focus({ preventScroll: true });
    view.say('Integrations loaded');
  }
}
