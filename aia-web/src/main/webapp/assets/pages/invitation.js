// An invitation link, followed by the person invited (signed in or not): what it offers, then a name and a password
// for a new account, or the existing account's own password; accepting signs them in to the organisation.
import { html } from '../lib.js';
import { api, ApiError } from '../api.js';
import { FormErrors, fmt, formError, textInput } from '../ui.js';

const FIELDS = ['displayName', 'password'];

export async function render(view, token, accepted) {
  let offer;
  try {
    offer = await api(`/invitations/links/${encodeURIComponent(token)}`, { signal: view.signal });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) throw e;
    view.show('Invitation', html`<p class="error" role="alert">This invitation link is not valid any more: it was used, revoked, or
      it expired. Ask an admin of the organisation for a new one.</p><p><a href="#/login">Sign in</a></p>`);
    return;
  }
  const form = { displayName: '', password: '' };
  const errors = new FormErrors();
  const input = (key, label, type, autocomplete) => textInput(form, errors, 'accept', key, label, { type, autocomplete });

  const submit = async (event) => {
    event.preventDefault();
    try {
      await api(`/invitations/links/${encodeURIComponent(token)}/acceptance`, { method: 'POST',
        body: { displayName: form.displayName || undefined, password: form.password } });
      await accepted();
    } catch (e) {
      errors.take(e, FIELDS);
      draw();
    }
  };

  const draw = () => view.show(`Join ${offer.organizationName}`, html`
    <p>You are invited to <strong>${offer.organizationName}</strong> as ${offer.role}, as <strong>${offer.email}</strong>.
      The link is good until ${fmt.time(offer.expiresAt)}.</p>
    <form class="stack login" novalidate @submit=${submit}>
      ${offer.accountExists
        ? input('password', 'The password of your account', 'password', 'current-password')
        : html`${input('displayName', 'Your name', 'text', 'name')}
          ${input('password', 'Choose a password (12 characters or more)', 'password', 'new-password')}`}
      ${formError(errors)}
      <button type="submit">Join ${offer.organizationName}</button>
    </form>`);
  draw();
}
