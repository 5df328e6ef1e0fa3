import { markdownToMdast, mdxToMdast } from 'satteri';
import { MDX_COMPONENT_NAMES, MDX_COMPONENTS, type PropSpec } from './mdx-components.ts';
import { findNearest } from '../nearest.ts';
import { describeError } from '../errors.ts';

/**
 * Checks a page's text (the part of an .mdx or .md file after its fields) before MDX compiles it,
 * with the parser Astro uses (Sätteri), so that what would be a JavaScript error in the build —
 * an unknown component, a brace read as code, a wrong setting — is a writer's error with its line.
 * Also finds images without a description and the ids components refer to, which the content
 * check looks up with the other references. Pure: the caller gives the text and where it starts.
 */

/** A problem in the page text; `line` counts from 1 within the text given. */
export interface BodyProblem {
  line: number;
  message: string;
  fix: string;
  value?: string;
}

/** An entry a component in the page text refers to, e.g. `<ProviderCard id="maya-okafor" />`. */
export interface BodyReference {
  of: 'locations' | 'providers';
  id: string;
  line: number;
  /** How it was written, for the message: `<ProviderCard id>`. */
  written: string;
}

export interface BodyCheck {
  problems: BodyProblem[];
  references: BodyReference[];
}

interface Node {
  type: string;
  position?: { start: { line: number } };
  children?: Node[];
  name?: string | null;
  attributes?: Attribute[];
  value?: unknown;
  url?: string;
  alt?: string | null;
}

interface Attribute {
  type: string;
  name?: string;
  value?: string | null | { type: string; value: string };
}

const COMPONENT_LIST = MDX_COMPONENT_NAMES.join(', ');
const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif|svg|heic)$/i;

/** Checks `source`, MDX unless `markdown` (an .md file, where braces and tags are plain text). */
export function checkBody(source: string, { markdown = false } = {}): BodyCheck {
  const problems: BodyProblem[] = [];
  const references: BodyReference[] = [];
  const root = parse(source, markdown, problems);
  if (!root) return { problems, references };
  visit(root, (node) => {
    const line = node.position?.start.line ?? 1;
    switch (node.type) {
      case 'image':
        problems.push(...checkImageAlt(node.alt ?? '', node.url ?? '', line));
        break;
      case 'mdxTextExpression':
      case 'mdxFlowExpression':
        if (!isComment(String(node.value))) problems.push(describeExpression(String(node.value), line));
        break;
      case 'mdxjsEsm':
        problems.push({
          line,
          message: `Page text cannot import or export anything ("${firstLine(String(node.value))}").`,
          fix: `Delete this line: the components you can use (${COMPONENT_LIST}) need no import.`,
        });
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkElement(node, line, problems, references);
        break;
    }
  });
  return { problems, references };
}

/** The most syntax errors reported per page text; each is found by parsing again. */
const MAX_SYNTAX_ERRORS = 10;

/**
 * The tree of `source`; on a syntax error, the error is recorded and its line blanked so the rest
 * of the text is checked too (a writer sees every bad line at once). Undefined after the last try.
 */
function parse(source: string, markdown: boolean, problems: BodyProblem[]): Node | undefined {
  const lines = source.split('\n');
  for (let attempt = 0; attempt < MAX_SYNTAX_ERRORS; attempt++) {
    try {
      const text = lines.join('\n');
      return (markdown ? markdownToMdast(text) : mdxToMdast(text)) as unknown as Node;
    } catch (error) {
      const problem = describeParseError(describeError(error), lines.join('\n'));
      // The same line again means blanking it did not help: stop rather than report it twice.
      if (problems.some((p) => p.line === problem.line && p.message === problem.message) || lines[problem.line - 1] === undefined) return undefined;
      problems.push(problem);
      lines[problem.line - 1] = '';
    }
  }
  return undefined;
}

function visit(node: Node, onNode: (node: Node) => void): void {
  onNode(node);
  for (const child of node.children ?? []) visit(child, onNode);
}

function checkElement(node: Node, line: number, problems: BodyProblem[], references: BodyReference[]): void {
  const name = node.name ?? '';
  if (name === 'img') {
    const alt = node.attributes?.find((a) => a.name === 'alt');
    const src = node.attributes?.find((a) => a.name === 'src');
    problems.push(...checkImageAlt(typeof alt?.value === 'string' ? alt.value : '', typeof src?.value === 'string' ? src.value : '', line));
    return;
  }
  // Lowercase names are HTML elements (<br>, <abbr>), which MDX passes through; fragments (<>) too.
  if (name === '' || /^[a-z][a-z0-9-]*$/.test(name)) return;
  const spec = MDX_COMPONENTS[name];
  if (!spec) {
    const nearest = findNearest(name, MDX_COMPONENT_NAMES);
    problems.push({
      line,
      value: name,
      message: `There is no component <${name}>.`,
      fix: `${nearest ? `Did you mean <${nearest}>? ` : ''}Components you can use: ${COMPONENT_LIST} (no import needed).`,
    });
    return;
  }
  const given = new Set<string>();
  for (const attribute of node.attributes ?? []) {
    if (attribute.type !== 'mdxJsxAttribute' || attribute.name === undefined) {
      problems.push({
        line,
        message: `<${name}> has a setting written as code ("{${String((attribute.value as string | undefined) ?? '')}}").`,
        fix: `Write each setting as name="value", like ${spec.example}.`,
      });
      continue;
    }
    const propName = attribute.name;
    given.add(propName);
    const prop = spec.props[propName];
    const settings = Object.keys(spec.props).join(', ');
    if (!prop) {
      const nearest = findNearest(propName, Object.keys(spec.props));
      problems.push({
        line,
        value: propName,
        message: `<${name}> has no setting "${propName}".`,
        fix: `${nearest ? `Did you mean "${nearest}"? ` : ''}Settings of <${name}>: ${settings}.`,
      });
      continue;
    }
    const problem = checkValue(name, propName, prop, attribute.value, line);
    if (problem) problems.push(problem);
    else if (prop.kind === 'id' && typeof attribute.value === 'string') {
      references.push({ of: prop.of, id: attribute.value, line, written: `<${name} ${propName}>` });
    }
  }
  for (const [propName, prop] of Object.entries(spec.props)) {
    if (prop.required && !given.has(propName)) {
      problems.push({ line, message: `<${name}> needs the setting ${propName}.`, fix: `Add ${propName}="…", like ${spec.example}.` });
    }
  }
  if (spec.oneOf && spec.oneOf.filter((p) => given.has(p)).length !== 1) {
    problems.push({
      line,
      message: `<${name}> needs exactly one of the settings ${spec.oneOf.join(' or ')}.`,
      fix: `Write it like ${spec.example}.`,
    });
  }
}

/** A setting's value against its spec; undefined when it is right. */
function checkValue(component: string, propName: string, prop: PropSpec, raw: Attribute['value'], line: number): BodyProblem | undefined {
  const where = `<${component} ${propName}>`;
  // name (no value) is true; name="x" a string; name={…} an expression, read as a JSON literal.
  let value: unknown;
  if (raw === null || raw === undefined) value = true;
  else if (typeof raw === 'string') value = raw;
  else {
    try {
      value = JSON.parse(raw.value);
    } catch {
      return {
        line,
        value: `{${raw.value}}`,
        message: `${where} is written as code ({${raw.value}}).`,
        fix: `Write the value in quotes, like ${propName}="…"${prop.kind === 'choice' && typeof prop.values[0] === 'number' ? ` or ${propName}={${prop.values[0]}}` : ''}.`,
      };
    }
  }
  switch (prop.kind) {
    case 'choice': {
      const allowed = prop.values.map(String);
      if (allowed.includes(String(value))) return undefined;
      const nearest = prop.values.every((v) => typeof v === 'string') ? findNearest(String(value), allowed) : undefined;
      return {
        line,
        value: String(value),
        message: `${where} is "${String(value)}", which is not one of its values.`,
        fix: `${nearest ? `Did you mean "${nearest}"? ` : ''}${propName} is one of: ${allowed.join(', ')}.`,
      };
    }
    case 'flag':
      return value === true || value === false
        ? undefined
        : { line, value: String(value), message: `${where} is a yes-or-no setting.`, fix: `Write just ${propName} for yes, or leave it out for no.` };
    case 'phone':
      return typeof value === 'string' && /^\+[1-9]\d{7,14}$/.test(value)
        ? undefined
        : { line, value: String(value), message: `${where} is not a phone number in E.164 form.`, fix: `Write it like ${propName}="+15555550123".` };
    case 'list':
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? undefined
        : { line, message: `${where} is a list of names.`, fix: `Write it like ${propName}={["Aetna", "Medicare"]}.` };
    case 'text':
    case 'id':
      return typeof value === 'string' && value.trim() !== ''
        ? undefined
        : { line, message: `${where} is empty or not text.`, fix: `Write it in quotes, like ${propName}="…".` };
  }
}

/**
 * An image's description (alt text) is what a screen reader says and what search engines read:
 * empty or a file name tells nobody what the image shows.
 */
function checkImageAlt(alt: string, src: string, line: number): BodyProblem[] {
  const file = src.split('/').pop() ?? src;
  const example = `![Front desk of the clinic, with two chairs](${src || './images/photo.jpg'})`;
  if (alt.trim() === '') {
    return [{ line, value: src, message: `The image "${src}" has no description (alt text).`, fix: `Say in the brackets what it shows, for people who cannot see it: ${example}.` }];
  }
  if (IMAGE_FILE.test(alt.trim()) || alt.trim() === file) {
    return [{ line, value: alt, message: `The image "${src}" is described by a file name ("${alt}").`, fix: `Say in the brackets what it shows instead: ${example}.` }];
  }
  return [];
}

function describeExpression(code: string, line: number): BodyProblem {
  const text = code.trim();
  return {
    line,
    value: `{${text}}`,
    message: `"{${text}}" is read as code, and page text has nothing to fill it in with.`,
    fix: `To show the braces as text, write \\{${text}\\}; for a note to other writers that is not shown, write {/* ${text} */}.`,
  };
}

/** Sätteri's message is "line:column: what (rule)"; say it in a writer's words. */
function describeParseError(raw: string, source: string): BodyProblem {
  const match = /^(\d+):(\d+): ([\s\S]*?)(?: \(\d+:\d+\))?(?: \([\w:-]+\))?$/.exec(raw.trim());
  const line = match ? Number(match[1]) : 1;
  const what = match?.[3] ?? raw;
  const text = source.split('\n')[line - 1]?.trim() ?? '';
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  if (/expression/i.test(what)) {
    return {
      line,
      value: shown,
      message: 'A brace "{" here is read as the start of code.',
      fix: 'To show a brace in text, write \\{ (and \\}); to give a component a setting, write it in quotes, like title="…".',
    };
  }
  const closing = /Expected a closing tag for `<([^>`]+)>`/.exec(what);
  if (closing) {
    return {
      line,
      value: shown,
      message: `<${closing[1]}> is opened here and never closed.`,
      fix: `Add </${closing[1]}> after its text, or end the tag with /> when it has none, like <${closing[1]} … />.`,
    };
  }
  const stray = /Unexpected closing tag `<\/([^>`]+)>`/.exec(what);
  if (stray) {
    return { line, value: shown, message: `</${stray[1]}> closes a component that was not opened.`, fix: `Delete it, or open <${stray[1]}> before its text.` };
  }
  if (/after `<`/.test(what)) {
    return {
      line,
      value: shown,
      message: 'A "<" here is read as the start of a component.',
      fix: 'To show "<" in text, write &lt; (or "less than"); a component is written like <Callout type="note">…</Callout>.',
    };
  }
  return { line, value: shown, message: `The page text does not read: ${what}`, fix: 'Check the tags and braces on this line: each <Component> needs its </Component>, and braces in text are written \\{ \\}.' };
}

function isComment(code: string): boolean {
  return /^\s*\/\*[\s\S]*\*\/\s*$/.test(code);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
