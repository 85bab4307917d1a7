// SLOs: every SLO with its status (one request a page, GET /slos/statuses), a form to define one with a preview of its
// error budget in minutes, and OpenSLO export and import.
import { html, ifDefined, live } from '../lib.js';
import { api, all } from '../api.js';
import { FormErrors, described, field, fmt, formError, status, table } from '../ui.js';

const UNIT_MINUTES = { m: 1, h: 60, d: 1440, w: 10080 };

/** The budget of a target over a window, in minutes: (1 − target) × the window's length; null when it cannot be told. */
export function budgetMinutes(targetPercent, window, rolling) {
  const target = Number(targetPercent) / 100;
  if (!(target > 0 && target < 1)) return null;
  const m = /^(\d{1,4})([mhdw])$/.exec(window || '');
  let minutes = m ? Number(m[1]) * UNIT_MINUTES[m[2]] : null;
  // Calendar months and quarters vary: the preview uses 30 and 91 days and says "about".
  if (!m && /^1M$/.test(window)) minutes = 30 * 1440;
  if (!m && /^1Q$/.test(window)) minutes = 91 * 1440;
  return minutes === null ? null : { minutes: (1 - target) * minutes, exact: Boolean(m) && rolling !== false };
}

const finding = (f) => `${f.document}: ${f.path} — ${f.reason}`;

const FIELDS = ['serviceId', 'name', 'displayName', 'indicator', 'latencyThresholdMs', 'targetPercent', 'window'];

export async function render(view) {
  const [statuses, services] = await Promise.all([all('/slos/statuses', 5000, view.signal), all('/services', 5000, view.signal)]);
  const serviceName = (id) => (services.items.find((s) => s.id === id) || {}).displayName || '—';
  const draft = { serviceId: services.items[0]?.id || '', name: '', displayName: '', indicator: 'AVAILABILITY', latencyThresholdMs: '300',
    latencyOp: 'lte', targetPercent: '99.9', window: '28d', rolling: true };
  const errors = new FormErrors();
  const imported = { text: '', partial: false, result: null, errors: new FormErrors() };

  const preview = () => {
    const budget = budgetMinutes(draft.targetPercent, draft.window, draft.rolling);
    return budget === null ? 'Give a target between 0 and 100 % and a window such as 28d, 4w or 1M.'
      : `Error budget: ${budget.exact ? '' : 'about '}${fmt.num(budget.minutes, 1)} minutes of full outage in ${draft.window}`;
  };

  const submit = async (event) => {
    event.preventDefault();
    const body = { serviceId: draft.serviceId, name: draft.name, indicator: draft.indicator, targetPercent: Number(draft.targetPercent),
      window: draft.window, rolling: draft.rolling };
    if (draft.displayName) body.displayName = draft.displayName;
    if (draft.indicator === 'LATENCY') {
      body.latencyThresholdMs = Number(draft.latencyThresholdMs);
      // OpenSLO's four comparisons: lt and gt are strict, gt and gte count requests above the threshold as good.
      body.latencyThresholdStrict = draft.latencyOp === 'lt' || draft.latencyOp === 'gt';
      body.latencyGoodAbove = draft.latencyOp === 'gt' || draft.latencyOp === 'gte';
    }
    try {
      await api('/slos', { method: 'POST', body });
      view.say(`SLO ${draft.name} defined`);
      await render(view);
    } catch (e) {
      errors.take(e, FIELDS);
      draw();
    }
  };

  const importFile = async (event) => {
    event.preventDefault();
    try {
      imported.result = await api(`/slos/openslo${imported.partial ? '?partial=true' : ''}`, { method: 'POST', body: imported.text, contentType: 'application/yaml' });
      imported.errors.clear();
      view.say('OpenSLO imported');
      const again = await all('/slos/statuses', 5000, view.signal);
      statuses.items = again.items;
    } catch (e) {
      imported.result = null;
      imported.errors.take(e, []);
    }
    draw();
  };

  const set = (key) => (event) => {
    const target = event.target;
    draft[key] = target.type === 'checkbox' ? target.checked : target.value;
    draw();
  };

  const input = (id, type, extra = {}) => {
    const aria = described(id, errors, extra.hint);
    return html`<input id=${id} name=${id} type=${type} .value=${live(String(draft[id]))} @input=${set(id)}
      aria-describedby=${ifDefined(aria.describedby)} aria-invalid=${aria.invalid} ?required=${extra.required}>`;
  };

  const draw = () => view.show('SLOs', html`
    <p><a href="/api/v1/slos/openslo" download="slos.yaml">Export every SLO as OpenSLO (YAML)</a></p>
    ${table('SLOs with their status', ['SLO', 'Service', 'Target', 'Window', 'SLI', 'Budget left', 'State'],
      statuses.items.map(({ slo, status: s }) => [slo.displayName || slo.name, serviceName(slo.serviceId), fmt.pct(slo.target, 3), slo.window,
        fmt.pct(s.sli, 3), `${fmt.pct(s.budgetRemaining, 1)} (${fmt.num(s.budgetRemainingMinutes, 0)} min)`, status(s.state)]), { numeric: [4, 5] })}

    <section class="card" aria-labelledby="define-title">
      <h2 id="define-title">Define an SLO</h2>
      <form class="stack" novalidate @submit=${submit}>
        ${field('serviceId', 'Service', html`<select id="serviceId" @change=${set('serviceId')}>
          ${services.items.map((s) => html`<option value=${s.id} ?selected=${s.id === draft.serviceId}>${s.displayName}</option>`)}</select>`, errors)}
        ${field('name', 'Name', input('name', 'text', { required: true, hint: true }), errors, 'lowercase letters, digits and dashes')}
        ${field('displayName', 'Display name (optional)', input('displayName', 'text'), errors)}
        ${field('indicator', 'Indicator', html`<select id="indicator" @change=${set('indicator')}>
          <option value="AVAILABILITY" ?selected=${draft.indicator === 'AVAILABILITY'}>Availability: requests that succeed</option>
          <option value="LATENCY" ?selected=${draft.indicator === 'LATENCY'}>Latency: requests under a threshold</option></select>`, errors)}
        ${draft.indicator === 'LATENCY' ? html`
          ${field('latencyThresholdMs', 'Latency threshold (ms)', input('latencyThresholdMs', 'number'), errors)}
          ${field('latencyOp', 'A request is good when it takes', html`<select id="latencyOp" @change=${set('latencyOp')}>
            ${[['lte', 'at most the threshold (≤)'], ['lt', 'less than the threshold (<)'], ['gte', 'at least the threshold (≥)'],
              ['gt', 'more than the threshold (>)']].map(([op, label]) => html`<option value=${op} ?selected=${draft.latencyOp === op}>${label}</option>`)}
          </select>`, errors)}` : ''}
        ${field('targetPercent', 'Target (%)', input('targetPercent', 'text', { hint: true }), errors, 'e.g. 99.9')}
        ${field('window', 'Window', input('window', 'text', { hint: true }), errors, 'e.g. 28d, 4w, 1M (calendar month)')}
        <label class="inline"><input type="checkbox" id="rolling" .checked=${live(draft.rolling)} @change=${set('rolling')}> Rolling window</label>
        <p class="preview" data-testid="budget-preview" aria-live="polite">${preview()}</p>
        ${formError(errors)}
        <button type="submit">Define the SLO</button>
      </form>
    </section>

    <section class="card" aria-labelledby="import-title">
      <h2 id="import-title">Import OpenSLO</h2>
      <form class="stack" novalidate @submit=${importFile}>
        <label for="openslo">OpenSLO YAML (v1 or v1alpha; several documents)</label>
        <textarea id="openslo" rows="8" .value=${live(imported.text)} @input=${(e) => { imported.text = e.target.value; }}></textarea>
        <label class="inline"><input type="checkbox" id="partial" .checked=${live(imported.partial)}
          @change=${(e) => { imported.partial = e.target.checked; }}> Import what can be imported, list the rest</label>
        ${formError(imported.errors)}
        ${imported.result ? html`<p role="status" data-testid="import-result">Imported ${imported.result.created.length} SLO(s): ${imported.result.created.map((c) => c.name).join(', ')}${
          imported.result.refused.length ? `; refused: ${imported.result.refused.map(finding).join('; ')}` : ''}${
          imported.result.findings.length ? `; notes: ${imported.result.findings.map(finding).join('; ')}` : ''}</p>` : ''}
        <button type="submit">Import</button>
      </form>
    </section>`, { focus: false });

  if (draw()) {
    view.main.focus({ preventScroll: true });
    view.say('SLOs loaded');
  }
}
