// Cost: spend and forecast against each budget, spend by category and by month, unit cost per million requests.
import { html } from '../lib.js';
import { api } from '../api.js';
import { fmt, status, table } from '../ui.js';
import { barChart, lineChart } from '../charts.js';

export async function render(view) {
  const signal = view.signal;
  const now = new Date();
  const months = [...Array(6).keys()].map((i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (5 - i), 1)).toISOString().slice(0, 7));
  // Six months of budgets, spend and unit costs: four requests, each over the months at once.
  const range = `from=${months[0]}&to=${months[5]}`;
  const [budgetStatuses, byCategory, byMonth, unitCostMonths] = await Promise.all([
    api(`/cost/budgets/status?${range}`, { signal }), api(`/cost/breakdown?by=CATEGORY&from=${months[5]}`, { signal }),
    api(`/cost/breakdown?by=MONTH&${range}`, { signal }), api(`/cost/unit-costs/months?${range}`, { signal }),
  ]);
  const budgetMonths = months.map((month) => ({ items: budgetStatuses.items.filter((b) => b.month === month) }));
  const unitCosts = months.map((month) => unitCostMonths.items.find((u) => u.month === month) || { perService: [] });
  const budgets = budgetMonths[5];
  const serviceNames = [...new Set(unitCosts.flatMap((u) => u.perService.map((s) => s.service)))];
  view.show('Cost', html`
    <p><a href="#/cost/setup">Import a FOCUS file, define budgets</a></p>
    <h2>Spend against budget, ${months[5]}</h2>
    ${barChart('Spend and forecast against budget', budgets.items.map((b) => b.name), [
      { label: 'spent', data: budgets.items.map((b) => Number(b.forecast.actual)) },
      { label: 'month-end forecast', data: budgets.items.map((b) => Number(b.forecast.forecast)) },
      { label: 'budget', data: budgets.items.map((b) => Number(b.forecast.budget)) }])}
    ${table('Budgets this month', ['Budget', 'Spent', 'Forecast', 'Budget', 'Status'], budgets.items.map((b) => [b.name, fmt.money(b.forecast.actual, b.currency),
      fmt.money(b.forecast.forecast, b.currency), fmt.money(b.forecast.budget, b.currency), status(b.forecast.status)]), { numeric: [1, 2, 3] })}
    <h2>Spend against budget per month</h2>
    ${table('Spend against budget per month', ['Month', 'Budget', 'Spent', 'Budget', 'Adherence', 'Status'], budgetMonths.flatMap((m, i) => m.items.map((b) => [months[i], b.name,
      fmt.money(b.forecast.actual, b.currency), fmt.money(b.forecast.budget, b.currency), fmt.pct(b.forecast.adherence, 0), status(b.forecast.status)])).reverse(), { numeric: [2, 3, 4] })}
    <div class="grid">
      ${barChart(`Spend by category, ${months[5]}`, byCategory.items.map((s) => s.label || s.key), [{ label: 'EffectiveCost', data: byCategory.items.map((s) => Number(s.effectiveCost)) }])}
      ${barChart('Spend by month', byMonth.items.map((s) => s.label || s.key), [{ label: 'EffectiveCost', data: byMonth.items.map((s) => Number(s.effectiveCost)) }])}
      ${lineChart('Unit cost: per million requests', months, serviceNames.map((service) => ({ label: service,
        data: unitCosts.map((u) => { const row = u.perService.find((s) => s.service === service); return row && row.costPerMillionRequests !== null ? Number(row.costPerMillionRequests) : null; }) })))}
    </div>`);
}
