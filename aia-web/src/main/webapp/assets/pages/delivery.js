// Delivery: DORA metrics with their bands, and the deployments, newest first.
import { html } from '../lib.js';
import { api, all } from '../api.js';
import { DORA_BANDS, fmt, status, table } from '../ui.js';

export async function render(view) {
  const signal = view.signal;
  const [deployments, dora, services] = await Promise.all([api('/deployments?order=newest&limit=200', { signal }), api('/dora', { signal }),
    all('/services', 5000, signal)]);
  const serviceName = (id) => (services.items.find((s) => s.id === id) || {}).displayName || id;
  const m = dora.metrics;
  view.show('Delivery', html`
    <p><a href="#/delivery/record">Record a deployment, upload a scanner's report</a></p>
    <p>DORA metrics from ${fmt.time(m.from)} to ${fmt.time(m.to)}, bands: ${dora.bandSet} (${dora.bandReport})</p>
    ${table('DORA metrics and their bands', ['Metric', 'Value', 'Band'], [
      ['Deployment frequency', `${fmt.num(m.deploymentDaysPerWeek, 2)} deployment days a week (${m.deployments} deployments)`, status(dora.deploymentFrequencyLevel, DORA_BANDS)],
      ['Lead time for changes (median)', fmt.duration(m.medianLeadTime), status(dora.leadTimeLevel, DORA_BANDS)],
      ['Change failure rate', fmt.pct(m.changeFailureRate, 1), status(dora.changeFailureRateLevel, DORA_BANDS)],
      ['Time to restore (median)', fmt.duration(m.medianTimeToRestore), status(dora.timeToRestoreLevel, DORA_BANDS)],
      ['Rollbacks', String(dora.rollbacks), ''],
    ])}
    <h2>Deployments</h2>
    ${table('Deployments', ['Service', 'Version', 'Environment', 'Finished', 'Result'], deployments.items.map((d) => [serviceName(d.serviceId), d.version,
      d.environment, fmt.time(d.finishedAt), status(d.result)]))}`);
}
