// On call: schedules (a rotation editor, who is on call now, overrides) and escalation policies (steps of members or
// schedules, each waiting its delay for an acknowledgement before the next).
import { html, ifDefined, live } from '../lib.js';
import { api, all } from '../api.js';
import { FormErrors, described, fmt, formError, table } from '../ui.js';

const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC', 'Europe/Berlin', 'America/New_York'];
const SCHEDULE_FIELDS = ['name', 'timeZone', 'firstHandoff', 'turnLength', 'turnUnit', 'members'];
const POLICY_FIELDS = ['name', 'steps', 'repeats'];
const OVERRIDE_FIELDS = ['memberId', 'from', 'to'];

export async function render(view, createdFeed = null) {
  const [schedules, policies, members, feeds] = await Promise.all([api('/schedules', { signal: view.signal }),
    api('/escalation-policies', { signal: view.signal }), all('/members', 5000, view.signal), api('/calendar-feeds', { signal: view.signal })]);
  const name = (id) => (members.items.find((m) => m.id === id) || {}).displayName || (id ? 'someone' : 'nobody');
  const targetName = (t) => (t.type === 'SCHEDULE' ? `schedule ${(schedules.items.find((s) => s.id === t.id) || {}).name || t.id}` : name(t.id));
  // By default the rotation began yesterday at 09:00, so a new schedule has someone on call at once.
  const local = new Date(Date.now() - 86400000 - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
  const schedule = { name: '', timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', firstHandoff: `${local}T09:00`,
    turnLength: '1', turnUnit: 'WEEKS', members: [] };
  const policy = { name: '', repeats: '0', steps: [{ delayMinutes: '10', target: '' }] };
  const override = { scheduleId: schedules.items[0]?.id || '', memberId: members.items[0]?.id || '', from: '', to: '' };
  const errors = { schedule: new FormErrors(), policy: new FormErrors(), override: new FormErrors(), feed: new FormErrors() };
  const feed = { of: schedules.items[0] ? `schedule:${schedules.items[0].id}` : `member:${members.items[0]?.id}` };
  const targets = [...schedules.items.map((s) => ({ value: `SCHEDULE:${s.id}`, label: `Schedule ${s.name}` })),
    ...members.items.map((m) => ({ value: `MEMBER:${m.id}`, label: m.displayName }))];
  if (targets.length) policy.steps[0].target = targets[0].value;
  // Who is on call over the next 14 days, for one schedule at a time (one request), in the schedule's own zone.
  const calendar = { scheduleId: schedules.items[0]?.id || '', shifts: [] };
  const loadShifts = async () => {
    calendar.shifts = calendar.scheduleId ? (await api(`/schedules/${calendar.scheduleId}/shifts`, { signal: view.signal })).items : [];
  };
  await loadShifts();
  const zoneOf = (id) => (schedules.items.find((s) => s.id === id) || {}).timeZone || 'UTC';
  const inZone = (instant, zone) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: '2-digit', month: 'short',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

  const text = (state, key, form) => html`<input id=${`${form}-${key}`} .value=${live(String(state[key]))}
    @input=${(e) => { state[key] = e.target.value; }} aria-invalid=${errors[form].byField[key] ? 'true' : 'false'}
    aria-describedby=${ifDefined(described(key, errors[form]).describedby ? `${form}-${key}-error` : undefined)}>`;
  const err = (form, key) => (errors[form].byField[key] ? html`<span class="field-error" id="${form}-${key}-error" role="alert">${errors[form].byField[key]}</span>` : '');

  const defineSchedule = async (event) => {
    event.preventDefault();
    try {
      await api('/schedules', { method: 'POST', body: { name: schedule.name, timeZone: schedule.timeZone, firstHandoff: `${schedule.firstHandoff}:00`,
        turnLength: Number(schedule.turnLength), turnUnit: schedule.turnUnit, members: schedule.members } });
      view.say(`Schedule ${schedule.name} defined`);
      await render(view);
    } catch (e) {
      errors.schedule.take(e, SCHEDULE_FIELDS);
      draw();
    }
  };
  const definePolicy = async (event) => {
    event.preventDefault();
    try {
      await api('/escalation-policies', { method: 'POST', body: { name: policy.name, repeats: Number(policy.repeats),
        steps: policy.steps.map((s) => { const [type, id] = s.target.split(':'); return { delayMinutes: Number(s.delayMinutes), targets: [{ type, id }] }; }) } });
      view.say(`Escalation policy ${policy.name} defined`);
      await render(view);
    } catch (e) {
      errors.policy.take(e, POLICY_FIELDS);
      draw();
    }
  };
  const addOverride = async (event) => {
    event.preventDefault();
    try {
      await api(`/schedules/${override.scheduleId}/overrides`, { method: 'POST', body: { memberId: override.memberId,
        from: override.from ? new Date(override.from).toISOString() : null, to: override.to ? new Date(override.to).toISOString() : null } });
      view.say('Override added');
      await render(view);
    } catch (e) {
      errors.override.take(e, OVERRIDE_FIELDS);
      draw();
    }
  };

  const createFeed = async (event) => {
    event.preventDefault();
    const [kind, id] = feed.of.split(':');
    try {
      const created = await api('/calendar-feeds', { method: 'POST', body: kind === 'schedule' ? { scheduleId: id } : { memberId: id } });
      view.say('Calendar feed created: copy its address now, it is not shown again');
      await render(view, created);
    } catch (e) {
      errors.feed.take(e, []);
      draw();
    }
  };
  const revokeFeed = (f) => async () => {
    await api(`/calendar-feeds/${f.id}`, { method: 'DELETE' });
    view.say('Calendar feed revoked');
    await render(view);
  };
  const feedOf = (f) => (f.scheduleId ? `schedule ${(schedules.items.find((s) => s.id === f.scheduleId) || {}).name || ''}` : name(f.memberId));

  const draw = () => view.show('On call', html`
    <h2>Schedules</h2>
    ${table('Schedules and who is on call now', ['Schedule', 'Time zone', 'Turns', 'Members, in order', 'On call now'],
      schedules.items.map((s) => [s.name, s.timeZone, `${s.turnLength} ${s.turnLength === 1 ? s.turnUnit.toLowerCase().replace(/s$/, "") : s.turnUnit.toLowerCase()} from ${s.firstHandoff.replace('T', ' ')}`,
        s.members.map(name).join(' → '), name(s.onCallNow)]))}
    <h2>Who is on call, the next 14 days</h2>
    <label for="calendar-schedule">Schedule</label>
    <select id="calendar-schedule" @change=${async (e) => { calendar.scheduleId = e.target.value; await loadShifts(); draw(); }}>
      ${schedules.items.map((s) => html`<option value=${s.id} ?selected=${s.id === calendar.scheduleId}>${s.name}</option>`)}</select>
    ${table(`Shifts, in ${zoneOf(calendar.scheduleId)}`, [`From (${zoneOf(calendar.scheduleId)})`, 'Until', 'On call', 'Note'],
      calendar.shifts.map((s) => [inZone(s.start, zoneOf(calendar.scheduleId)), inZone(s.end, zoneOf(calendar.scheduleId)),
        s.empty || s.gap ? html`<strong>nobody</strong>` : name(s.member), s.override ? 'override' : s.gap ? 'gap' : s.empty ? 'no members' : '']))}
    <h2>Escalation policies</h2>
    ${table('Escalation policies', ['Policy', 'Steps', 'Repeats'], policies.items.map((p) => [p.name,
      p.steps.map((s, i) => `${i + 1}. ${s.targets.map(targetName).join(', ')} (${s.delayMinutes} min)`).join(' · '), String(p.repeats)]))}

    <div class="grid">
    <section class="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title">Define a schedule</h2>
      <form class="stack" novalidate @submit=${defineSchedule}>
        <label for="schedule-name">Name</label>${text(schedule, 'name', 'schedule')}${err('schedule', 'name')}
        <label for="schedule-timeZone">Time zone</label>
        <select id="schedule-timeZone" @change=${(e) => { schedule.timeZone = e.target.value; }}>
          ${ZONES.map((z) => html`<option ?selected=${z === schedule.timeZone}>${z}</option>`)}</select>${err('schedule', 'timeZone')}
        <label for="schedule-firstHandoff">First hand-off (local time of the zone)</label>
        <input id="schedule-firstHandoff" type="datetime-local" .value=${live(schedule.firstHandoff)} @input=${(e) => { schedule.firstHandoff = e.target.value; }}>
        ${err('schedule', 'firstHandoff')}
        <label for="schedule-turnLength">Each turn lasts</label>${text(schedule, 'turnLength', 'schedule')}${err('schedule', 'turnLength')}
        <label for="schedule-turnUnit">Unit</label>
        <select id="schedule-turnUnit" @change=${(e) => { schedule.turnUnit = e.target.value; }}>
          ${['HOURS', 'DAYS', 'WEEKS'].map((u) => html`<option ?selected=${u === schedule.turnUnit} value=${u}>${u.toLowerCase()}</option>`)}</select>
        <fieldset><legend>Members, in the order of their turns</legend>
          ${members.items.map((m) => html`<label class="inline"><input type="checkbox" .checked=${live(schedule.members.includes(m.id))}
            @change=${(e) => { schedule.members = e.target.checked ? [...schedule.members, m.id] : schedule.members.filter((x) => x !== m.id); draw(); }}>
            ${m.displayName}${schedule.members.includes(m.id) ? ` (turn ${schedule.members.indexOf(m.id) + 1})` : ''}</label>`)}
        </fieldset>${err('schedule', 'members')}
        ${formError(errors.schedule)}
        <button type="submit">Define the schedule</button>
      </form>
    </section>

    <section class="card" aria-labelledby="policy-title">
      <h2 id="policy-title">Define an escalation policy</h2>
      <form class="stack" novalidate @submit=${definePolicy}>
        <label for="policy-name">Name</label>${text(policy, 'name', 'policy')}${err('policy', 'name')}
        ${policy.steps.map((step, i) => html`<fieldset><legend>Step ${i + 1}</legend>
          <label for="step-${i}-target">Page</label>
          <select id="step-${i}-target" @change=${(e) => { step.target = e.target.value; }}>
            ${targets.map((t) => html`<option value=${t.value} ?selected=${t.value === step.target}>${t.label}</option>`)}</select>
          <label for="step-${i}-delay">Minutes to wait for an acknowledgement before the next step</label>
          <input id="step-${i}-delay" .value=${live(step.delayMinutes)} @input=${(e) => { step.delayMinutes = e.target.value; }}>
        </fieldset>`)}
        <button type="button" @click=${() => { policy.steps.push({ delayMinutes: '15', target: targets[0]?.value || '' }); draw(); }}>Add a step</button>
        ${err('policy', 'steps')}
        <label for="policy-repeats">Repeat the whole policy (times)</label>${text(policy, 'repeats', 'policy')}${err('policy', 'repeats')}
        ${formError(errors.policy)}
        <button type="submit">Define the policy</button>
      </form>
    </section>

    <section class="card" aria-labelledby="override-title">
      <h2 id="override-title">Override a schedule</h2>
      <form class="stack" novalidate @submit=${addOverride}>
        <label for="override-schedule">Schedule</label>
        <select id="override-schedule" @change=${(e) => { override.scheduleId = e.target.value; }}>
          ${schedules.items.map((s) => html`<option value=${s.id}>${s.name}</option>`)}</select>
        <label for="override-memberId">Who is on call instead</label>
        <select id="override-memberId" @change=${(e) => { override.memberId = e.target.value; }}>
          ${members.items.map((m) => html`<option value=${m.id}>${m.displayName}</option>`)}</select>
        <label for="override-from">From (your time)</label>
        <input id="override-from" type="datetime-local" @input=${(e) => { override.from = e.target.value; }}>${err('override', 'from')}
        <label for="override-to">Until (your time)</label>
        <input id="override-to" type="datetime-local" @input=${(e) => { override.to = e.target.value; }}>${err('override', 'to')}
        ${formError(errors.override)}
        <button type="submit" ?disabled=${!schedules.items.length}>Add the override</button>
      </form>
    </section>
    </div>
    <section class="card" aria-labelledby="feeds-title">
      <h2 id="feeds-title">Calendar feeds (iCalendar)</h2>
      <p>Who is on call, in Google Calendar, Outlook or Apple Calendar: subscribe to a feed's address (it holds a secret; revoke it to stop it).</p>
      ${createdFeed ? html`<div class="secret" role="status"><p>The address of the new feed, shown this once:</p>
        <p><code data-testid="feed-url">${createdFeed.url}</code></p></div>` : ''}
      ${table('Calendar feeds', ['Feed of', 'Created', 'Last read', 'Actions'], feeds.items.map((f) => [feedOf(f), fmt.time(f.createdAt), fmt.time(f.lastReadAt),
        html`<button type="button" aria-label="Revoke the feed of ${feedOf(f)}" @click=${revokeFeed(f)}>Revoke</button>`]))}
      <form class="stack" novalidate @submit=${createFeed}>
        <label for="feed-of">A feed of</label>
        <select id="feed-of" @change=${(e) => { feed.of = e.target.value; }}>
          ${schedules.items.map((s) => html`<option value="schedule:${s.id}">Schedule ${s.name}</option>`)}
          ${members.items.map((m) => html`<option value="member:${m.id}">${m.displayName}'s turns</option>`)}</select>
        ${formError(errors.feed)}
        <button type="submit">Create a calendar feed</button>
      </form>
    </section>
    <p class="muted">Times are shown in UTC (${fmt.time(new Date().toISOString())} now).</p>`, { focus: false });

  if (draw()) {
    view.main.focus({ preventScroll: true });
    view.say('On call loaded');
  }
}
