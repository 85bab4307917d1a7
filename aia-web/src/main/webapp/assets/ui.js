// What every page built with lit-html shares: rendering into the page (only while the page is still the one asked
// for), status words, numbers, tables, and forms whose problem+json field errors show at their fields.
import { html, live, render, nothing } from './lib.js';
import { ApiError } from './api.js';

/** A page's context: where it renders and whether it is still the page the person asked for (a later route cancels it). */
export class View {
  constructor(main, announcer, signal) {
    this.main = main;
    this.announcer = announcer;
    this.signal = signal;
    this.host = null;
  }

  get current() {
    return !this.signal.aborted;
  }

  /** Renders the page (title and content); a page whose route was left meanwhile renders nothing. */
  show(title, content, { focus = true } = {}) {
    if (!this.current) return false;
    document.title = `${title} · AIA Ops`;
    // A container of the page's own: the pages not yet built with lit-html replace main's children directly.
    if (!this.host || !this.main.contains(this.host)) {
      this.host = document.createElement('div');
      this.main.replaceChildren(this.host);
    }
    render(html`<h1>${title}</h1>${content}`, this.host);
    if (focus) {
      this.main.focus({ preventScroll: true });
      window.scrollTo(0, 0);
      this.announcer.textContent = `${title} loaded`;
    }
    return true;
  }

  say(message) {
    this.announcer.textContent = message;
  }
}

export const fmt = {
  pct: (v, digits = 3) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)} %`),
  num: (v, digits = 1) => (v === null || v === undefined ? '—' : Number(v).toLocaleString('en', { maximumFractionDigits: digits })),
  ms: (v) => (v === null || v === undefined ? '—' : `${Number(v).toFixed(1)} ms`),
  time: (v) => (v ? new Date(v).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—'),
  duration: (iso) => {
    if (!iso) return '—';
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(iso);
    if (!m) return iso;
    const hours = Number(m[1] || 0); const minutes = Number(m[2] || 0); const seconds = Math.round(Number(m[3] || 0));
    return hours ? `${hours} h ${minutes} min` : minutes ? `${minutes} min ${seconds} s` : `${seconds} s`;
  },
  money: (v, currency) => (v === null || v === undefined ? '—' : `${Number(v).toLocaleString('en', { maximumFractionDigits: 2 })} ${currency || ''}`),
};

/** Colours of status words in general; words that mean opposite things elsewhere have maps of their own below. */
export const STATES = {
  good: ['HEALTHY', 'MET', 'EXCEEDING', 'UP', 'DELIVERED', 'RESOLVED', 'CLOSED', 'UNDER', 'ON_BUDGET', 'COMPLETED', 'SUCCESS', 'ACTIVE', 'DONE'],
  warn: ['WARNING', 'ACKNOWLEDGED', 'MITIGATED', 'RUNNING', 'POSTMORTEM', 'PENDING', 'EXPIRING', 'ROTATED', 'P2', 'OPEN', 'IN_PROGRESS'],
  bad: ['CRITICAL', 'EXHAUSTED', 'BELOW', 'DOWN', 'FIRING', 'TRIGGERED', 'OVER', 'FAILED', 'P0', 'P1', 'REVOKED', 'EXPIRED', 'MISSED'],
};
/** DORA performance bands: HIGH is good news. */
export const DORA_BANDS = { good: ['ELITE', 'HIGH'], warn: ['MEDIUM'], bad: ['LOW'] };
/** Vulnerability severities: HIGH is bad news. */
export const FINDING_SEVERITIES = { bad: ['CRITICAL', 'HIGH'], warn: ['MEDIUM'], good: [] };

/** A status word with a class for its colour; the word itself carries the meaning. */
export function status(word, colours = STATES) {
  const kind = colours.good.includes(word) ? 'good' : colours.warn.includes(word) ? 'warn' : colours.bad.includes(word) ? 'bad' : 'none';
  return html`<span class="status status-${kind}">${word ?? '—'}</span>`;
}

export function table(caption, headers, rows, { numeric = [] } = {}) {
  return html`<table>
    <caption class="visually-hidden">${caption}</caption>
    <thead><tr>${headers.map((label, i) => html`<th scope="col" class=${numeric.includes(i) ? 'num' : ''}>${label}</th>`)}</tr></thead>
    <tbody>${rows.length === 0
      ? html`<tr><td colspan=${headers.length} class="muted">None</td></tr>`
      : rows.map((cells) => html`<tr>${cells.map((cell, i) => html`<td class=${numeric.includes(i) ? 'num' : ''}>${cell}</td>`)}</tr>`)}</tbody>
  </table>`;
}

/**
 * A form's state: its field errors from a problem+json answer (`errors[].field`), shown at the field, and the message of
 * an error that names no field, shown above the button.
 */
export class FormErrors {
  constructor() {
    this.byField = {};
    this.general = '';
  }

  clear() {
    this.byField = {};
    this.general = '';
  }

  /** Takes an error of a request: field errors go to their fields, the rest to the form. */
  take(error, knownFields) {
    this.clear();
    if (error instanceof ApiError && error.problem && Array.isArray(error.problem.errors)) {
      for (const e of error.problem.errors) {
        const field = knownFields.find((f) => e.field === f || (e.field || '').startsWith(`${f}[`) || (e.field || '').startsWith(`${f}.`));
        if (field) this.byField[field] = this.byField[field] ? `${this.byField[field]}; ${e.message}` : e.message;
        else this.general += `${e.field ? `${e.field}: ` : ''}${e.message} `;
      }
      if (!this.general && Object.keys(this.byField).length === 0) this.general = error.message;
    } else {
      this.general = error.message;
    }
  }
}

/** A labelled field with its hint and error, tied together for screen readers. */
export function field(id, label, control, errors, hint) {
  const error = errors.byField[id];
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
    ${control}
    ${error ? html`<span class="field-error" id="${id}-error" role="alert">${error}</span>` : nothing}
  </div>`;
}

/** aria attributes of a control whose field may have a hint and an error. */
export function described(id, errors, hint) {
  const ids = [hint ? `${id}-hint` : null, errors.byField[id] ? `${id}-error` : null].filter(Boolean).join(' ');
  return { describedby: ids || undefined, invalid: errors.byField[id] ? 'true' : 'false' };
}

export function formError(errors) {
  return errors.general ? html`<p class="error" role="alert">${errors.general}</p>` : nothing;
}

/** The error of a form's field, announced, or nothing. */
export function errorAt(errors, key) {
  return errors.byField[key] ? html`<span class="field-error" role="alert">${errors.byField[key]}</span>` : nothing;
}

/**
 * A labelled input bound to `state[key]`, its id `${form}-${key}`, with an optional hint and its error from `errors`.
 * The one way the pages write a text field.
 */
export function textInput(state, errors, form, key, label, { type = 'text', hint, autocomplete } = {}) {
  const id = `${form}-${key}`;
  return html`<label for=${id}>${label}</label>
    ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : nothing}
    <input id=${id} type=${type} autocomplete=${autocomplete || 'off'} .value=${live(String(state[key] ?? ''))}
      @input=${(e) => { state[key] = e.target.value; }} aria-invalid=${errors.byField[key] ? 'true' : 'false'}>
    ${errorAt(errors, key)}`;
}

/**
 * A form's submit handler: sends, then re-renders the page (`done`, given the answer); a refusal's field errors go to
 * `errors` and the form is drawn again (`draw`).
 */
export function submitter(view, errors, fields, send, done, draw) {
  return async (event) => {
    event.preventDefault();
    try {
      const answer = await send();
      errors.clear();
      await done(answer);
    } catch (e) {
      errors.take(e, fields);
      draw();
    }
  };
}

/** A button's handler: does the request, says so, then re-renders the page (`done`); a refusal is said too. */
export function action(view, label, request, done) {
  return async () => {
    try {
      await request();
      view.say(`${label}: done`);
      await done();
    } catch (e) {
      view.say(`${label}: ${e.message}`);
    }
  };
}
