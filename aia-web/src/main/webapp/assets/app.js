// The AIA Ops dashboard: the shell — signing in, the organisation switcher, and routing by the URL's fragment to one
// module a page (assets/pages/*.js, lit-html templates over the JSON API). A route change cancels the page still loading.
import { api, ApiError } from './api.js';
import { html, render } from './lib.js';
import { View } from './ui.js';

const main = document.getElementById('main');
const announcer = document.getElementById('announcer');
let session = null;

async function loadSession() {
  try {
    session = await api('/sessions/current');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) session = null;
    else throw e;
  }
  document.getElementById('top').hidden = !session;
  if (session) {
    document.getElementById('account').textContent = session.account.displayName;
    // With one organisation there is nothing to switch to: its name is shown instead of a disabled control.
    const single = session.memberships.length < 2;
    const select = document.getElementById('organization');
    render(html`${session.memberships.map((m) => html`<option value=${m.organizationId}
      ?selected=${m.organizationId === session.current.organizationId}>${m.name} (${m.role})</option>`)}`, select);
    select.hidden = single;
    document.querySelector('label[for=organization]').textContent = single ? `Organisation: ${session.current.name}` : 'Organisation';
  }
}

function loginPage(view) {
  const form = { email: '', password: '', error: '' };
  const submit = async (event) => {
    event.preventDefault();
    form.error = '';
    try {
      await api('/sessions', { method: 'POST', body: { email: form.email, password: form.password } });
      await loadSession();
      location.hash = '#/overview';
      await route();
    } catch (e) {
      form.error = e instanceof ApiError && e.status === 401 ? 'E-mail or password is wrong.' : e.message;
      draw();
    }
  };
  const draw = () => view.show('Sign in to AIA Ops', html`
    <form class="stack login" novalidate @submit=${submit}>
      <label for="email">E-mail</label>
      <input id="email" name="email" type="email" autocomplete="username" required @input=${(e) => { form.email = e.target.value; }}>
      <label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password" required @input=${(e) => { form.password = e.target.value; }}>
      <button type="submit">Sign in</button>
      <p class="error" role="alert">${form.error}</p>
    </form>`, { focus: false });
  draw();
  document.title = 'Sign in · AIA Ops';
  document.getElementById('email').focus();
}

document.getElementById('organization').addEventListener('change', async (event) => {
  await api('/sessions/current', { method: 'PUT', body: { organizationId: event.target.value } });
  await loadSession();
  announcer.textContent = `Switched to ${session.current.name}`;
  await route();
});

document.getElementById('sign-out').addEventListener('click', async () => {
  await api('/sessions/current', { method: 'DELETE' });
  session = null;
  location.hash = '#/login';
  await loadSession();
  await route();
});

/** Routes: the pattern of the fragment, the page's module, and what of the fragment the page is given. */
const ROUTES = [
  [/^#\/overview$/, './pages/overview.js', () => []],
  [/^#\/services$/, './pages/services.js', () => []],
  [/^#\/services\/([\w-]+)(?:\?window=(\w+))?$/, './pages/service.js', (m) => [m[1], m[2]]],
  [/^#\/slos$/, './pages/slos.js', () => []],
  [/^#\/incidents$/, './pages/incidents.js', () => []],
  [/^#\/incidents\/([\w-]+)$/, './pages/incident.js', (m) => [m[1]]],
  [/^#\/on-call$/, './pages/oncall.js', () => []],
  [/^#\/alerting$/, './pages/alerting.js', () => []],
  [/^#\/status-page$/, './pages/statuspage.js', () => []],
  [/^#\/integrations$/, './pages/integrations.js', () => []],
  [/^#\/delivery$/, './pages/delivery.js', () => []],
  [/^#\/delivery\/record$/, './pages/releases.js', () => []],
  [/^#\/cost$/, './pages/cost.js', () => []],
  [/^#\/cost\/setup$/, './pages/costsetup.js', () => []],
  [/^#\/access$/, './pages/access.js', () => []],
  [/^#\/audit$/, './pages/audit.js', () => []],
  [/^#\/backups$/, './pages/backups.js', () => []],
];

let routeController = null;

async function route() {
  // A new route cancels the one still loading: its requests are aborted and it renders nothing.
  if (routeController) routeController.abort();
  routeController = new AbortController();
  const view = new View(main, announcer, routeController.signal);
  const invitation = /^#\/invitation\/([\w-]{1,64})$/.exec(location.hash);
  if (invitation) {
    // Followed by someone who may have no account yet: the page needs no session, and accepting starts one.
    try {
      const module = await import('./pages/invitation.js');
      await module.render(view, invitation[1], async () => {
        await loadSession();
        location.hash = '#/overview';
      });
    } catch (e) {
      if (!view.signal.aborted) view.show('Something went wrong', html`<p class="error" role="alert">${e.message}</p>`);
    }
    return;
  }
  if (!session) {
    loginPage(view);
    return;
  }
  const hash = location.hash && location.hash !== '#/login' ? location.hash : '#/overview';
  for (const link of document.querySelectorAll('.top nav a')) {
    if (hash === link.getAttribute('href') || hash.startsWith(`${link.getAttribute('href')}/`) || hash.startsWith(`${link.getAttribute('href')}?`)) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  const found = ROUTES.map(([pattern, path, parameters]) => [pattern.exec(hash), path, parameters]).find(([m]) => m);
  if (!found) {
    view.show('Not found', html`<p>There is no such page. <a href="#/overview">Go to the overview</a></p>`);
    return;
  }
  const [m, path, parameters] = found;
  try {
    const module = await import(path);
    await module.render(view, ...parameters(m));
  } catch (e) {
    if (view.signal.aborted) return;
    if (e instanceof ApiError && e.status === 401) {
      session = null;
      await loadSession();
      await route();
      return;
    }
    view.show('Something went wrong', html`<p class="error" role="alert">${e.message}</p>`);
  }
}

window.addEventListener('hashchange', route);
loadSession().then(route);
