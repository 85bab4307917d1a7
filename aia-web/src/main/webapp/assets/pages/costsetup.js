// Cost files and budgets: upload a FOCUS export (its refused rows shown by row and column), the imports so far, and
// budgets by organisation, service or category.
import { html, live, nothing } from '../lib.js';
import { ApiError, api, all } from '../api.js';
import { FormErrors, fmt, formError, table, textInput } from '../ui.js';

const BUDGET_FIELDS = ['name', 'scope', 'serviceId', 'serviceCategory', 'monthlyAmount', 'currency'];

export async function render(view, lastImport = null) {
  const signal = view.signal;
  const [imports, budgets, services] = await Promise.all([api('/cost/imports', { signal }), api('/cost/budgets', { signal }),
    all('/services', 5000, signal)]);
  const upload = { file: null, currency: '', usSpreadsheet: false, refused: null, error: '' };
  const budget = { name: '', scope: 'ORGANIZATION', serviceId: services.items[0]?.id || '', serviceCategory: 'Compute', monthlyAmount: '', currency: 'USD' };
  const errors = new FormErrors();
  const serviceName = (id) => (services.items.find((s) => s.id === id) || {}).displayName || '—';

  const send = async (event) => {
    event.preventDefault();
    upload.refused = null;
    upload.error = '';
    if (!upload.file) {
      upload.error = 'Choose a FOCUS file (CSV) first.';
      draw();
      return;
    }
    const query = [upload.currency ? `currency=${encodeURIComponent(upload.currency)}` : null, upload.usSpreadsheet ? 'spreadsheet=en-US' : null]
      .filter(Boolean).join('&');
    try {
      const result = await api(`/cost/imports${query ? `?${query}` : ''}`, { method: 'POST', body: await upload.file.text(), contentType: 'text/csv' });
      view.say(`${result.rows} rows imported`);
      await render(view, result);
    } catch (e) {
      // A refused file: each bad row by its row number and column, as the API names them ("row 3: BilledCost").
      if (e instanceof ApiError && e.problem && Array.isArray(e.problem.errors) && e.problem.errors.length) {
        upload.refused = e.problem.errors.map((err) => {
          const m = /^row (\d+): (.*)$/.exec(err.field || '');
          return m ? { row: m[1], column: m[2], message: err.message } : { row: '—', column: err.field || '—', message: err.message };
        });
        upload.error = e.message;
      } else {
        upload.error = e.message;
      }
      draw();
    }
  };

  const defineBudget = async (event) => {
    event.preventDefault();
    const body = { name: budget.name, scope: budget.scope, monthlyAmount: budget.monthlyAmount === '' ? null : Number(budget.monthlyAmount), currency: budget.currency };
    if (budget.scope === 'SERVICE') body.serviceId = budget.serviceId;
    if (budget.scope === 'CATEGORY') body.serviceCategory = budget.serviceCategory;
    try {
      await api('/cost/budgets', { method: 'POST', body });
      view.say(`Budget ${budget.name} defined`);
      await render(view);
    } catch (e) {
      errors.take(e, BUDGET_FIELDS);
      draw();
    }
  };

  const input = (key, label) => textInput(budget, errors, 'budget', key, label);

  const draw = () => view.show('Cost files and budgets', html`
    <p><a href="#/cost">Back to cost</a></p>
    ${lastImport ? html`<p role="status" data-testid="import-result">${lastImport.duplicate ? 'This file was imported before: nothing changed.'
      : `Imported ${fmt.num(lastImport.rows, 0)} rows (FOCUS ${lastImport.focusVersion || '?'}), ${fmt.num(lastImport.unallocatedRows, 0)} not allocated to a service, effective cost ${fmt.num(lastImport.effectiveCost, 2)}.`}${(lastImport.absentColumns || []).length
        ? ` FOCUS columns the file did not carry: ${lastImport.absentColumns.join(', ')}.` : ''}${Object.keys(lastImport.unlistedServiceCategories || {}).length
        ? ` Service categories FOCUS does not list, kept as written: ${Object.entries(lastImport.unlistedServiceCategories).map(([c, n]) => `${c} (${n} rows)`).join(', ')}.` : ''}</p>` : nothing}
    <section class="card" aria-labelledby="upload-title">
      <h2 id="upload-title">Import a FOCUS file</h2>
      <form class="stack" novalidate @submit=${send}>
        <label for="focus-file">FOCUS 1.0, 1.1 or 1.2 export (CSV)</label>
        <input id="focus-file" type="file" accept=".csv,text/csv" @change=${(e) => { upload.file = e.target.files[0] || null; }}>
        <label for="focus-currency">Currency, for a file without BillingCurrency (optional)</label>
        <input id="focus-currency" .value=${live(upload.currency)} @input=${(e) => { upload.currency = e.target.value; }}>
        <label class="inline"><input type="checkbox" id="focus-us" @change=${(e) => { upload.usSpreadsheet = e.target.checked; }}> Saved by a US spreadsheet (dates 4/1/25, amounts $1,000.00)</label>
        ${upload.error ? html`<p class="error" role="alert">${upload.error}</p>` : nothing}
        <button type="submit">Import</button>
      </form>
      ${upload.refused ? html`<h3>Rows refused</h3>${table('Rows refused', ['Row', 'Column', 'Problem'],
        upload.refused.map((r) => [html`<span data-testid="refused-row">${r.row}</span>`, r.column, r.message]))}` : nothing}
    </section>
    <h2>Imports</h2>
    ${table('Imports', ['Imported', 'Rows', 'Not allocated', 'Effective cost', 'Charges from', 'to'], imports.items.map((i) => [fmt.time(i.importedAt),
      fmt.num(i.rows, 0), fmt.num(i.unallocatedRows, 0), fmt.num(i.effectiveCost, 2), fmt.time(i.firstChargeAt), fmt.time(i.lastChargeAt)]), { numeric: [1, 2, 3] })}
    <h2>Budgets</h2>
    ${table('Budgets', ['Budget', 'Scope', 'Of', 'Monthly', 'Currency'], budgets.items.map((b) => [b.name, b.scope,
      b.scope === 'SERVICE' ? serviceName(b.serviceId) : b.serviceCategory || 'everything', fmt.num(b.monthlyAmount, 2), b.currency]), { numeric: [3] })}
    <section class="card" aria-labelledby="budget-title">
      <h2 id="budget-title">Define a budget</h2>
      <form class="stack" novalidate @submit=${defineBudget}>
        ${input('name', 'Name')}
        <label for="budget-scope">Scope</label>
        <select id="budget-scope" @change=${(e) => { budget.scope = e.target.value; draw(); }}>
          ${[['ORGANIZATION', 'The whole organisation'], ['SERVICE', 'A service'], ['CATEGORY', 'A FOCUS service category']]
            .map(([v, l]) => html`<option value=${v} ?selected=${v === budget.scope}>${l}</option>`)}</select>
        ${budget.scope === 'SERVICE' ? html`<label for="budget-serviceId">Service</label>
          <select id="budget-serviceId" @change=${(e) => { budget.serviceId = e.target.value; }}>
            ${services.items.map((s) => html`<option value=${s.id}>${s.displayName}</option>`)}</select>` : nothing}
        ${budget.scope === 'CATEGORY' ? input('serviceCategory', 'Service category (e.g. Compute)') : nothing}
        ${input('monthlyAmount', 'Monthly amount')}
        ${input('currency', 'Currency (ISO 4217)')}
        ${formError(errors)}
        <button type="submit">Define the budget</button>
      </form>
    </section>`, { focus: false });

  if (draw()) {
    view.main.focus({ preventScroll: true });
    view.say('Cost files and budgets loaded');
  }
}
