/**
 * One rule for form posts and JSON alike: a field given more than once is refused, naming it.
 * A form post would otherwise keep the first value and JSON.parse the last, so the lead stored
 * would depend on which reader looked; whatever sent a field twice did not mean one value.
 */

/** The error for a field that came more than once, under the field's name. */
export function describeRepeatedField(name: string): string {
  return `"${name}" was sent more than once; send it once.`;
}

type Frame = { kind: 'object'; path: string; keys: Set<string>; key: string; expectKey: boolean } | { kind: 'array'; path: string; index: number };

const join = (path: string, part: string) => (path === '' ? part : `${path}.${part}`);
const childPath = (frame: Frame) => join(frame.path, frame.kind === 'object' ? frame.key : String(frame.index));

/**
 * The first key that appears twice in the same object of a JSON text, as a dotted path from the
 * top (`name`, `attribution.utm_source`, `list.0.key`), or null when there is none. Keys are
 * compared as JSON.parse reads them, so `"name"` and `"n\u0061me"` are the same key.
 *
 * The text must be valid JSON (JSON.parse it first): the scan follows only strings and nesting,
 * one character at a time with its own stack, so deep nesting cannot overflow the call stack.
 */
export function findRepeatedJsonKey(text: string): string | null {
  const stack: Frame[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    const top = stack.at(-1);
    if (char === '"') {
      const end = findStringEnd(text, i);
      if (top?.kind === 'object' && top.expectKey) {
        const key = JSON.parse(text.slice(i, end)) as string;
        if (top.keys.has(key)) return join(top.path, key);
        top.keys.add(key);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
      continue;
    }
    if (char === '{') stack.push({ kind: 'object', path: top ? childPath(top) : '', keys: new Set(), key: '', expectKey: true });
    else if (char === '[') stack.push({ kind: 'array', path: top ? childPath(top) : '', index: 0 });
    else if (char === '}' || char === ']') stack.pop();
    else if (char === ',' && top?.kind === 'object') top.expectKey = true;
    else if (char === ',' && top?.kind === 'array') top.index += 1;
    i += 1;
  }
  return null;
}

/** The index just past the closing quote of the string that opens at `start`. */
function findStringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}
