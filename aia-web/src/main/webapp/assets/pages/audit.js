// The audit trail: every change and bulk read, newest first in pages, and a check of its hash chain.
import { html, nothing } from '../lib.js';
import { api } from '../api.js';
import { fmt, table } from '../ui.js';

export async function render(view) {
  const pages = [await api('/audit-events?limit=100', { signal: view.signal })];
  let verification = null;

  const more = async () => {
    pages.push(await api(`/audit-events?limit=100&cursor=${encodeURIComponent(pages[pages.length - 1].nextCursor)}`));
    draw();
  };
  const verify = async () => {
    verification = await api('/audit-events/verification');
    view.say(verification.intact ? 'The audit chain is intact' : 'The audit chain is broken');
    draw();
  };
  const events = () => pages.flatMap((p) => p.items);

  const draw = () => view.show('Audit trail', html`
    <p><button type="button" @click=${verify}>Verify the hash chain</button></p>
    ${verification ? html`<p role="status" data-testid="verification" class=${verification.intact ? 'status-good' : 'status-bad'}>${verification.intact
      ? `Intact: ${fmt.num(verification.eventsChecked, 0)} events checked, each linked to the one before by its hash.`
      : `Broken at event ${verification.firstBrokenSequence}: ${verification.reason}`}</p>` : nothing}
    ${table('Audit events', ['#', 'When', 'Who', 'Action', 'Target'], events().map((e) => [String(e.sequence), fmt.time(e.occurredAt), e.actor, e.action,
      `${e.targetType || ''} ${e.targetId || ''}`]), { numeric: [0] })}
    ${pages[pages.length - 1].nextCursor ? html`<p><button type="button" @click=${more}>Older events</button></p>` : nothing}`, { focus: false });

  if (draw()) {
    view.main.focus({ preventScroll: true });
    view.say('Audit trail loaded');
  }
}
