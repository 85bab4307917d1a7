// Record a deployment (its commits, its result; a release of a service whose error budget is spent is refused unless it
// is a P0 or security fix, or an ADMIN overrides with a reason), and upload a scanner's report of a service.
import { html, nothing } from '../lib.js';
import { ApiError, api, all } from '../api.js';
import { FormErrors, errorAt, formError, submitter, textInput } from '../ui.js';

const FIELDS = ['serviceId', 'version', 'environment', 'commits', 'startedAt', 'finishedAt', 'result', 'changeKind', 'freezeOverrideReason'];

export async function render(view, said = '') {
  const services = await all('/services', 5000, view.signal);
  const local = (d) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  const now = new Date();
  const release = { serviceId: services.items[0]?.id || '', version: '', environment: 'production', commit: '',
    startedAt: local(new Date(now.getTime() - 600000)), finishedAt: local(now), result: 'SUCCESS', changeKind: 'NORMAL', freezeOverrideReason: '' };
  const errors = new FormErrors();
  const scan = { serviceId: services.items[0]?.id || '', file: null, answer: null, error: '' };
  let frozen = false;

  const record = submitter(view, errors, FIELDS, () => {
    const started = new Date(release.startedAt);
    const body = { serviceId: release.serviceId, version: release.version, environment: release.environment, startedAt: started.toISOString(),
      finishedAt: new Date(release.finishedAt).toISOString(), result: release.result, changeKind: release.changeKind };
    if (release.commit) body.commits = [{ sha: release.commit, committedAt: started.toISOString() }];
    if (release.freezeOverrideReason) body.freezeOverrideReason = release.freezeOverrideReason;
    return api('/deployments', { method: 'POST', body }).catch((e) => {
      frozen = e instanceof ApiError && e.problem && (e.problem.type || '').endsWith('error-budget-exhausted');
      throw e;
    });
  }, (d) => render(view, `Deployment ${d.version} to ${d.environment} recorded`), () => draw());

  const upload = async (event) => {
    event.preventDefault();
    scan.answer = null;
    scan.error = scan.file ? '' : 'Choose a report file first.';
    if (scan.file) {
      try {
        scan.answer = await api(`/services/${scan.serviceId}/vulnerability-reports`, { method: 'POST', body: await scan.file.text(), contentType: 'application/json' });
        view.say('Report imported');
      } catch (e) {
        scan.error = e.message;
      }
    }
    draw();
  };

  const draw = () => view.show('Deployments and scans', html`
    <p><a href="#/delivery">Back to delivery</a></p>
    ${said ? html`<p role="status" data-testid="recorded">${said}</p>` : nothing}
    <div class="grid">
    <section class="card" aria-labelledby="release-title">
      <h2 id="release-title">Record a deployment</h2>
      <form class="stack" novalidate @submit=${record}>
        <label for="release-serviceId">Service</label>
        <select id="release-serviceId" @change=${(e) => { release.serviceId = e.target.value; }}>
          ${services.items.map((s) => html`<option value=${s.id}>${s.displayName}</option>`)}</select>
        ${textInput(release, errors, 'release', 'version', 'Version')}
        ${textInput(release, errors, 'release', 'environment', 'Environment')}
        ${textInput(release, errors, 'release', 'commit', 'Commit (optional; its time is taken as the start)')}
        ${errorAt(errors, 'commits')}
        ${textInput(release, errors, 'release', 'startedAt', 'Started (your time)', { type: 'datetime-local' })}
        ${textInput(release, errors, 'release', 'finishedAt', 'Finished (your time)', { type: 'datetime-local' })}
        <label for="release-result">Result</label>
        <select id="release-result" @change=${(e) => { release.result = e.target.value; }}>
          <option value="SUCCESS">succeeded</option><option value="FAILURE">failed</option></select>
        <label for="release-changeKind">Change</label>
        <select id="release-changeKind" @change=${(e) => { release.changeKind = e.target.value; }}>
          <option value="NORMAL">normal</option><option value="P0_FIX">P0 fix</option><option value="SECURITY_FIX">security fix</option></select>
        ${frozen ? html`<p class="hint">Releases of this service are frozen while its error budget is spent. A P0 or security fix goes
          through; an ADMIN may override with a reason (audited).</p>
          ${textInput(release, errors, 'release', 'freezeOverrideReason', 'Override reason (ADMIN)')}` : nothing}
        ${formError(errors)}
        <button type="submit">Record the deployment</button>
      </form>
    </section>
    <section class="card" aria-labelledby="scan-title">
      <h2 id="scan-title">Upload a scanner's report</h2>
      <form class="stack" novalidate @submit=${upload}>
        <label for="scan-serviceId">Service</label>
        <select id="scan-serviceId" @change=${(e) => { scan.serviceId = e.target.value; }}>
          ${services.items.map((s) => html`<option value=${s.id}>${s.displayName}</option>`)}</select>
        <label for="scan-file">Trivy JSON, CycloneDX JSON, SARIF 2.1 or Grype JSON</label>
        <input id="scan-file" type="file" accept=".json,.sarif,application/json" @change=${(e) => { scan.file = e.target.files[0] || null; }}>
        ${scan.error ? html`<p class="error" role="alert">${scan.error}</p>` : nothing}
        ${scan.answer ? html`<p role="status" data-testid="scan-result">${scan.answer.duplicate ? 'This report was imported before.'
          : `${scan.answer.vulnerabilities} vulnerabilities listed: ${scan.answer.newlyOpen} newly open, ${scan.answer.newlyFixed} fixed since the last report.`}</p>` : nothing}
        <button type="submit">Upload</button>
      </form>
    </section>
    </div>`, { focus: false });

  if (draw()) {
    view.main.focus({ preventScroll: true });
    view.say(said || 'Deployments and scans loaded');
  }
}
