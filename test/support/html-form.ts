import { parseHTML } from 'linkedom';

/**
 * The fields a browser without JavaScript sends for the form matching `selector` in `html`, in
 * document order (HTML's "constructing the entry list"): every named input, select and textarea,
 * but radios and checkboxes only when checked, and no buttons or files. A select sends its
 * selected option, or its first.
 */
export function readFormEntries(html: string, selector: string): [string, string][] {
  const { document } = parseHTML(html);
  const form = document.querySelector(selector);
  if (form === null) throw new Error(`No form matches ${selector}.`);
  const entries: [string, string][] = [];
  for (const control of form.querySelectorAll('input, select, textarea')) {
    const name = control.getAttribute('name');
    if (name === null || name === '' || control.hasAttribute('disabled')) continue;
    const tag = control.tagName.toLowerCase();
    if (tag === 'select') {
      const options = [...control.querySelectorAll('option')];
      const chosen = options.find((option) => option.hasAttribute('selected')) ?? options[0];
      if (chosen !== undefined) entries.push([name, chosen.getAttribute('value') ?? chosen.textContent ?? '']);
      continue;
    }
    if (tag === 'textarea') {
      entries.push([name, control.textContent ?? '']);
      continue;
    }
    const type = (control.getAttribute('type') ?? 'text').toLowerCase();
    if (['submit', 'button', 'reset', 'image', 'file'].includes(type)) continue;
    if ((type === 'radio' || type === 'checkbox') && !control.hasAttribute('checked')) continue;
    entries.push([name, control.getAttribute('value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')]);
  }
  return entries;
}

/**
 * What a person does before pressing send: each of `filled` replaces the value of its field, or
 * is added (a box ticked) when the form sends nothing under that name yet.
 */
export function fillForm(entries: readonly [string, string][], filled: Record<string, string>): URLSearchParams {
  const body = new URLSearchParams();
  const left = new Map(Object.entries(filled));
  for (const [name, value] of entries) {
    body.append(name, left.get(name) ?? value);
    left.delete(name);
  }
  for (const [name, value] of left) body.append(name, value);
  return body;
}
