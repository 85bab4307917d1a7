// Access: the organisation's members and their roles, invitations (the link shown once; revoke), and API keys (the
// secret shown once; revoke, rotate).
import { html } from '../lib.js';
import { api, all } from '../api.js';
import { FormErrors, fmt, formError, status, table, textInput } from '../ui.js';

const MEMBER_FIELDS = ['email', 'displayName', 'role', 'password'];
const KEY_FIELDS = ['name', 'scope', 'expiresAt', 'rateLimitPerMinute'];
const INVITE_FIELDS = ['email', 'role'];

export async function render(view) {
  const [members, keys, invitations] = await Promise.all([all('/members', 5000, view.signal), api('/api-keys', { signal: view.signal }),
    api('/invitations', { signal: view.signal })]);
  const member = { email: '', displayName: '', role: 'VIEWER', password: '' };
  const key = { name: '', scope: 'VIEWER' };
  const invitation = { email: '', role: 'VIEWER' };
  const errors = { member: new FormErrors(), key: new FormErrors(), invite: new FormErrors() };
  let issued = null;
  let invited = null;

  const input = (state, form, id, label, type = 'text', autocomplete = 'off') => textInput(state, errors[form], form, id, label, { type, autocomplete });

  const addMember = async (event) => {
    event.preventDefault();
    try {
      await api('/members', { method: 'POST', body: { ...member, password: member.password || undefined } });
      view.say(`${member.displayName} added`);
      await render(view);
    } catch (e) {
      errors.member.take(e, MEMBER_FIELDS);
      draw();
    }
  };
  const invite = async (event) => {
    event.preventDefault();
    try {
      invited = await api('/invitations', { method: 'POST', body: invitation });
      errors.invite.clear();
      invitations.items = (await api('/invitations')).items;
      view.say(`${invited.email} invited: the link is e-mailed, and shown here this once`);
    } catch (e) {
      errors.invite.take(e, INVITE_FIELDS);
    }
    draw();
  };
  const revokeInvitation = (i) => async () => {
    try {
      await api(`/invitations/${i.id}`, { method: 'DELETE' });
      invitations.items = (await api('/invitations')).items;
      view.say(`The invitation of ${i.email} is revoked`);
    } catch (e) {
      errors.invite.take(e, INVITE_FIELDS);
    }
    draw();
  };
  // A member's role changes at once; removing asks first. The member's version goes along, so a change made meanwhile wins.
  const changeRole = (m) => async (event) => {
    try {
      await api(`/members/${m.id}`, { method: 'PATCH', body: { role: event.target.value }, version: m.version });
      view.say(`${m.displayName} is now ${event.target.value}`);
    } catch (e) {
      view.say(`${m.displayName}: ${e.message}`);
    }
    await render(view);
  };
  const removeMember = (m) => async () => {
    if (!window.confirm(`Remove ${m.displayName} from the organisation?`)) return;
    try {
      await api(`/members/${m.id}`, { method: 'DELETE' });
      view.say(`${m.displayName} removed`);
    } catch (e) {
      view.say(`${m.displayName}: ${e.message}`);
    }
    await render(view);
  };
  const issueKey = async (event) => {
    event.preventDefault();
    try {
      issued = await api('/api-keys', { method: 'POST', body: { name: key.name, scope: key.scope } });
      errors.key.clear();
      keys.items = (await api('/api-keys')).items;
      view.say(`Key ${issued.key.name} issued: copy its secret now, it is not shown again`);
    } catch (e) {
      errors.key.take(e, KEY_FIELDS);
    }
    draw();
  };
  const act = (label, request) => async () => {
    try {
      const answer = await request();
      if (answer && answer.token) issued = answer;
      keys.items = (await api('/api-keys')).items;
      view.say(`${label}: done`);
    } catch (e) {
      errors.key.take(e, KEY_FIELDS);
    }
    draw();
  };

  const draw = () => view.show('Access', html`
    <h2>Members</h2>
    ${table('Members', ['Name', 'E-mail', 'Role', 'Since', 'Actions'], members.items.map((m) => [m.displayName, m.email,
      html`<select aria-label="Role of ${m.displayName}" data-testid="role-${m.email}" @change=${changeRole(m)}>
        ${['VIEWER', 'OPERATOR', 'ADMIN'].map((r) => html`<option ?selected=${r === m.role}>${r}</option>`)}</select>`, fmt.time(m.createdAt),
      html`<button type="button" @click=${removeMember(m)} aria-label="Remove ${m.displayName}">Remove</button>`]))}
    ${invited ? html`<div class="card secret" role="status" data-testid="invitation-link">
      <p>The link for <strong>${invited.email}</strong> (${invited.role}), e-mailed to them and shown here this once; good until ${fmt.time(invited.expiresAt)}:</p>
      <p><code data-testid="invitation-url">${invited.acceptUrl}</code>
        <button type="button" @click=${() => navigator.clipboard?.writeText(invited.acceptUrl)}>Copy</button></p></div>` : ''}
    ${invitations.items.length ? table('Invitations not yet accepted', ['E-mail', 'Role', 'Invited', 'Good until', 'Actions'], invitations.items.map((i) => [
      i.email, i.role, fmt.time(i.createdAt), i.expired ? 'expired' : fmt.time(i.expiresAt),
      html`<button type="button" @click=${revokeInvitation(i)} aria-label="Revoke the invitation of ${i.email}">Revoke</button>`])) : ''}
    <h2>API keys</h2>
    ${issued ? html`<div class="card secret" role="status" data-testid="issued-key">
      <p>The secret of <strong>${issued.key.name}</strong>, shown this once:</p>
      <p><code data-testid="secret">${issued.token}</code>
        <button type="button" @click=${() => navigator.clipboard?.writeText(issued.token)}>Copy</button></p></div>` : ''}
    ${table('API keys', ['Key', 'Prefix', 'Scope', 'Status', 'Last used', 'Expires', 'Actions'], keys.items.map((k) => [k.name, k.prefix, k.scope,
      html`<span data-testid="key-status-${k.name}">${status(k.status)}</span>`, fmt.time(k.lastUsedAt), fmt.time(k.expiresAt),
      k.status === 'ACTIVE' ? html`<button type="button" @click=${act(`Key ${k.name} rotated`, () => api(`/api-keys/${k.id}/rotation`, { method: 'POST', body: {} }))}
          aria-label="Rotate ${k.name}">Rotate</button>
        <button type="button" @click=${act(`Key ${k.name} revoked`, () => api(`/api-keys/${k.id}`, { method: 'DELETE' }))}
          aria-label="Revoke ${k.name}">Revoke</button>` : '']))}
    <div class="grid">
    <section class="card" aria-labelledby="invite-title">
      <h2 id="invite-title">Invite a member</h2>
      <form class="stack" novalidate @submit=${invite}>
        ${input(invitation, 'invite', 'email', 'E-mail', 'email')}
        <label for="invite-role">Role</label>
        <select id="invite-role" @change=${(e) => { invitation.role = e.target.value; }}>
          ${['VIEWER', 'OPERATOR', 'ADMIN'].map((r) => html`<option ?selected=${r === invitation.role}>${r}</option>`)}</select>
        ${formError(errors.invite)}
        <button type="submit">Send the invitation</button>
      </form>
    </section>
    <section class="card" aria-labelledby="member-title">
      <h2 id="member-title">Add a member</h2>
      <form class="stack" novalidate @submit=${addMember}>
        ${input(member, 'member', 'email', 'E-mail', 'email')}
        ${input(member, 'member', 'displayName', 'Name')}
        <label for="member-role">Role</label>
        <select id="member-role" @change=${(e) => { member.role = e.target.value; }}>
          ${['VIEWER', 'OPERATOR', 'ADMIN'].map((r) => html`<option ?selected=${r === member.role}>${r}</option>`)}</select>
        ${input(member, 'member', 'password', 'First password (12 characters or more; blank for someone who already has an account)', 'password', 'new-password')}
        ${formError(errors.member)}
        <button type="submit">Add the member</button>
      </form>
    </section>
    <section class="card" aria-labelledby="key-title">
      <h2 id="key-title">Issue an API key</h2>
      <form class="stack" novalidate @submit=${issueKey}>
        ${input(key, 'key', 'name', 'Name')}
        <label for="key-scope">Scope</label>
        <select id="key-scope" @change=${(e) => { key.scope = e.target.value; }}>
          ${['VIEWER', 'INGEST', 'OPERATOR', 'ADMIN'].map((r) => html`<option ?selected=${r === key.scope}>${r}</option>`)}</select>
        ${formError(errors.key)}
        <button type="submit">Issue the key</button>
      </form>
    </section>
    </div>`, { focus: false });

  if (draw()) {
    view.main.focus({ preventScroll: true });
    view.say('Access loaded');
  }
}
