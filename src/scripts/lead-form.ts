/**
 * Progressive enhancement of the request form. Without this script the form is a plain POST that
 * ends on a thank-you page. With it: a per-form submission key (so a double click stores one
 * lead), a signed time-trap token, first-party attribution from this browser session, checks
 * against the limits the page declares, and sending without a reload. No framework, no library.
 */
// The route table and the endpoints alone, not every path of the site and the inbox (paths.ts).
import { FORM_TOKEN_ENDPOINT } from '../lib/endpoints.ts';
import { buildPagePath } from '../lib/page-kinds.ts';
import type { LocationList } from '../lib/leads/location-choices.ts';

const ATTRIBUTION_KEY = 'carepath:attribution';
const TRACKED = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content', 'gclid', 'msclkid'];
const CONTACT_MISSING = 'Enter a phone number or an email address so that we can reach you.';

type Fields = Record<string, string>;

/** The landing page, referrer origin and campaign tags of this visit, kept for the session only. */
function sessionAttribution(): Fields {
  try {
    const stored = sessionStorage.getItem(ATTRIBUTION_KEY);
    if (stored) return JSON.parse(stored) as Fields;
    const found: Fields = { landingPage: location.pathname };
    const params = new URLSearchParams(location.search);
    for (const key of TRACKED) {
      const value = params.get(key);
      if (value) found[key] = value.slice(0, 200);
    }
    if (document.referrer) {
      const origin = new URL(document.referrer).origin;
      if (origin !== location.origin) found['referrer'] = origin;
    }
    sessionStorage.setItem(ATTRIBUTION_KEY, JSON.stringify(found));
    return found;
  } catch {
    return {};
  }
}

/** The full list as the site serves it, or nothing when the file is not one. */
function readLocationList(json: unknown): LocationList['groups'] | undefined {
  const isText = (v: unknown) => typeof v === 'string';
  const groups = (json as Partial<LocationList> | null)?.groups;
  if (!Array.isArray(groups)) return undefined;
  const valid = groups.every(
    (g: Partial<LocationList['groups'][number]>) => (g.label === undefined || isText(g.label)) && Array.isArray(g.options) && g.options.every((o) => isText(o?.value) && isText(o?.label)),
  );
  return valid ? groups : undefined;
}

/**
 * A select that lists some locations links to the page that lists them all. With the script, the
 * link loads that list into the select instead, keeping what was chosen and what was typed; if
 * the list cannot be loaded, the link is followed.
 */
function enhanceMoreOptions(form: HTMLFormElement): void {
  for (const link of form.querySelectorAll<HTMLAnchorElement>('a[data-more-options]')) {
    const select = document.getElementById(link.dataset['for'] ?? '');
    const url = link.dataset['moreOptions'];
    if (!(select instanceof HTMLSelectElement) || !url) continue;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      fetch(url, { headers: { accept: 'application/json' } })
        .then((r) => (r.ok ? r.json() : null))
        .then((json: unknown) => {
          const groups = readLocationList(json);
          if (!groups) throw new Error('not a location list');
          const chosen = select.value;
          const empty = select.options.item(0);
          const make = (o: { value: string; label: string }) => Object.assign(document.createElement('option'), { value: o.value, textContent: o.label });
          const choices = groups.flatMap((g) => {
            if (g.label === undefined) return g.options.map(make);
            const group = Object.assign(document.createElement('optgroup'), { label: g.label });
            group.append(...g.options.map(make));
            return [group];
          });
          select.replaceChildren(...(empty ? [empty] : []), ...choices);
          select.value = chosen;
          link.closest('.lf-more')?.remove();
          select.focus();
        })
        .catch(() => location.assign(link.href));
    });
  }
}

/** How old the form token may get before a tab that is shown again asks for a new one. */
const TOKEN_REFRESH_MS = 6 * 60 * 60 * 1000;

export function enhanceLeadForm(form: HTMLFormElement): void {
  const attribution = sessionAttribution();
  const summary = document.getElementById('lf-summary');
  const status = form.querySelector<HTMLElement>('[data-lead-status]');
  const keyInput = form.querySelector<HTMLInputElement>('[data-submission-key]');
  const tokenInput = form.querySelector<HTMLInputElement>('[data-form-token]');
  if (keyInput) keyInput.value = crypto.randomUUID();
  let tokenFetched = 0;
  const fetchToken = () => {
    tokenFetched = Date.now();
    fetch(FORM_TOKEN_ENDPOINT, { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((body: { token?: string } | null) => {
        if (tokenInput && body?.token) tokenInput.value = body.token;
      })
      .catch(() => undefined);
  };
  fetchToken();
  // A token expires after a day: a tab come back to after hours gets a fresh one, long before the
  // person can have filled the form again (a token used within seconds counts as a bot's).
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && Date.now() - tokenFetched > TOKEN_REFRESH_MS) fetchToken();
  });
  form.noValidate = true;
  enhanceMoreOptions(form);

  const leadType = () => form.querySelector<HTMLInputElement>('input[name="leadType"]:checked')?.value ?? 'patient';
  // Place fields (location, service) serve several types: data-types lists them, and
  // data-required-for those that require the field.
  const listed = (control: HTMLElement, key: 'types' | 'requiredFor') => control.dataset[key]?.split(' ').includes(leadType());
  const controls = () => [...form.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>('input, select, textarea')];
  const activeControls = () => {
    const type = leadType();
    return controls().filter((c) => (!c.closest('.lf-fields') || c.closest<HTMLElement>('.lf-fields')?.dataset['type'] === type) && (c.dataset['types'] === undefined || listed(c, 'types')));
  };
  const markRequired = () => {
    for (const control of form.querySelectorAll<HTMLElement>('select[data-types], input[data-types]')) {
      if (listed(control, 'requiredFor')) control.setAttribute('aria-required', 'true');
      else control.removeAttribute('aria-required');
    }
  };
  form.addEventListener('change', (event) => {
    if ((event.target as HTMLInputElement).name === 'leadType') markRequired();
  });
  // The browser may have restored another type than the page's default (back button).
  markRequired();

  const showErrors = (errors: { id: string; message: string }[]) => {
    for (const el of form.querySelectorAll<HTMLElement>('[data-error-for]')) el.textContent = '';
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    if (!summary) return;
    const list = summary.querySelector('ul');
    if (list) list.replaceChildren();
    for (const { id, message } of errors) {
      const slot = form.querySelector<HTMLElement>(`[data-error-for="${id}"]`);
      if (slot) slot.textContent = message;
      document.getElementById(id)?.setAttribute('aria-invalid', 'true');
      const item = document.createElement('li');
      item.append(Object.assign(document.createElement('a'), { href: `#${id}`, textContent: message }));
      list?.append(item);
    }
    summary.hidden = errors.length === 0;
    if (errors.length > 0) summary.focus();
  };

  const check = (): { id: string; message: string }[] => {
    const errors: { id: string; message: string }[] = [];
    let phone: HTMLInputElement | undefined;
    let reachable = false;
    for (const control of activeControls()) {
      const value = control instanceof HTMLInputElement && control.type === 'checkbox' ? (control.checked ? 'yes' : '') : control.value.trim();
      if (control.type === 'tel') phone = control as HTMLInputElement;
      if ((control.type === 'tel' || control.type === 'email') && value) reachable = true;
      if (control.getAttribute('aria-required') === 'true' && !value) errors.push({ id: control.id, message: control.dataset['missing'] ?? 'Fill in this field.' });
      else if (control.type === 'email' && value && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) {
        errors.push({ id: control.id, message: 'Enter an email address like name@example.com.' });
      } else if (control.type === 'tel' && value && !/^[+()\d\s.-]+$/.test(value)) {
        errors.push({ id: control.id, message: 'Enter a phone number using digits, spaces, dashes or brackets.' });
      } else if (control.type === 'tel' && value && (value.replace(/\D/g, '').length < 7 || value.replace(/\D/g, '').length > 15)) {
        errors.push({ id: control.id, message: 'Enter a phone number with its area code, like 503 555 0142.' });
      }
    }
    if (phone && !reachable) errors.unshift({ id: phone.id, message: CONTACT_MISSING });
    return errors;
  };

  /** The JSON the endpoint takes: the chosen type's fields without their prefix, plus the shared ones. */
  const toJson = (): Record<string, unknown> => {
    const type = leadType();
    const body: Record<string, unknown> = { leadType: type };
    const tags: Fields = { ...attribution };
    const hidden = new Set(
      controls()
        .filter((c) => c.dataset['types'] !== undefined && !listed(c, 'types'))
        .map((c) => c.name),
    );
    for (const [name, value] of new FormData(form)) {
      if (typeof value !== 'string' || !value.trim() || name === 'leadType' || hidden.has(name)) continue;
      const [scope, field] = name.includes('.') ? [name.slice(0, name.indexOf('.')), name.slice(name.indexOf('.') + 1)] : ['', name];
      if (scope === 'attribution') tags[field] = value;
      else if (scope === type) body[field] = value;
      else if (!scope) body[field] = value;
    }
    if (Object.keys(tags).length > 0) body['attribution'] = tags;
    return body;
  };

  let sending = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (sending) return;
    const errors = check();
    showErrors(errors);
    if (errors.length > 0) return;
    sending = true;
    if (status) status.textContent = 'Sending your request…';
    try {
      const response = await fetch(form.action, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(toJson()),
      });
      if (response.status === 201) {
        const done = document.createElement('div');
        done.className = 'lf-done';
        done.tabIndex = -1;
        done.innerHTML = '<h3>Thank you. We have your request.</h3><p>Our team will contact you soon. <a></a></p>';
        const link = done.querySelector('a');
        if (link) Object.assign(link, { href: buildPagePath('thank-you', [leadType()]), textContent: 'What happens next' });
        form.replaceWith(done);
        done.focus();
        return;
      }
      if (response.status === 422) {
        const body = (await response.json()) as { errors?: Record<string, string> };
        const type = leadType();
        // The type's own field (lf-<type>-<field>), else a field the types share (lf-<field>): the
        // one that has a place for its error.
        const fieldId = (field: string) => [`lf-${type}-${field}`, `lf-${field}`].find((id) => form.querySelector(`[data-error-for="${id}"]`)) ?? 'lf-types';
        showErrors(Object.entries(body.errors ?? {}).map(([field, message]) => ({ id: fieldId(field), message })));
        if (status) status.textContent = '';
        return;
      }
      throw new Error(String(response.status));
    } catch {
      if (status) status.textContent = 'We could not send your request just now. Please try again in a minute, or call us.';
    } finally {
      sending = false;
    }
  });
}
