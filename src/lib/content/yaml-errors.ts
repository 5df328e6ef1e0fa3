export interface YamlProblem {
  /** The line, from 1, of the text given. */
  line: number;
  /** The field the line gives, when the fix is about it. */
  field?: string;
  message: string;
  fix: string;
  value?: string;
}

/**
 * A YAML syntax error (from the `yaml` package: its code, its message, the line it was noticed on,
 * from 1) said in a writer's words, at the line to change, with the corrected line where the fix is
 * certain. Pure.
 */
export function describeYamlError(code: string, message: string, lines: readonly string[], at: number): YamlProblem {
  // A list or group left open is noticed on a later line: point at the line that opened it.
  const closer = /end with an? ([\]}])/.exec(message)?.[1];
  if (closer) {
    const opener = closer === ']' ? '[' : '{';
    for (let i = Math.min(at, lines.length) - 1; i >= 0; i--) {
      const text = lines[i] ?? '';
      if (text.split(opener).length > text.split(closer).length) {
        const kind = opener === '[' ? 'A list' : 'A group of fields';
        return { line: i + 1, value: text.trim(), message: `${kind} opened with "${opener}" is not closed on this line.`, fix: `Add "${closer}" at the end, like ${opener === '[' ? 'services: [walk-in-care, family-medicine]' : 'geo: { latitude: 45.5, longitude: -122.6 }'}.` };
      }
    }
  }
  return { line: at, ...describeLine(code, message, lines[at - 1] ?? '') };
}

function describeLine(code: string, message: string, lineText: string): Omit<YamlProblem, 'line'> {
  const line = lineText.replace(/\s+$/, '');
  const value = line.trim();
  // `summary: Walk-in care: no appointment needed`: YAML reads the second ": " as another field.
  const field = /^(\s*(?:- )?)([\w-]+):\s+(.*:\s.*)$/.exec(line);
  if (field && !/^["'[{|>]/.test(field[3] ?? '')) {
    const [, indent = '', key = '', text = ''] = field;
    return {
      field: key,
      value,
      message: `The value of ${key} has a colon followed by a space, which YAML reads as the start of another field.`,
      fix: `Put the value in quotes: ${indent}${key}: ${quote(text)}`,
    };
  }
  switch (code) {
    case 'TAB_AS_INDENT':
      return { value, message: 'This line is indented with a tab.', fix: 'Indent with spaces (two per level), not tabs.' };
    case 'DUPLICATE_KEY':
      return { value, message: 'This field is written twice in the same place.', fix: 'Keep one of the two lines and delete the other.' };
    case 'MISSING_CHAR':
      if (/quote/i.test(message)) return { value, message: 'A quote is opened and never closed.', fix: 'Add the closing quote at the end of the value.' };
      break;
    case 'BAD_SCALAR_START': {
      const keyed = /^(\s*(?:- )?)([\w-]+):\s+(.*)$/.exec(line);
      if (keyed) {
        const [, indent = '', key = '', text = ''] = keyed;
        return { field: key, value, message: `The value of ${key} starts with a character YAML keeps for itself.`, fix: `Put the value in quotes: ${indent}${key}: ${quote(text)}` };
      }
      break;
    }
  }
  return {
    value,
    message: `This line does not read as YAML (${message.replace(/\.$/, '')}).`,
    fix: 'Check its indentation (two spaces per level, the same as the lines around it), the colon after the field name, and quotes around values that contain a colon or start with a special character.',
  };
}

/** Double quotes unless the text has some; then single quotes, doubling any inside. */
function quote(text: string): string {
  return text.includes('"') ? `'${text.replaceAll("'", "''")}'` : `"${text}"`;
}
