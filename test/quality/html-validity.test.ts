import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, inject, it } from 'vitest';
import { assertSystemTools, getSystemTools } from '../support/system-tools.ts';
import { fetchServedPages, readBuiltClient } from './support/build.ts';

/**
 * The Nu Html Checker (the W3C validator, from the `vnu-jar` package) over every HTML page of the
 * build and the two pages only the server renders, in one Java run. Errors fail; warnings are shown.
 */
interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  firstLine?: number;
  lastLine?: number;
  firstColumn?: number;
  lastColumn?: number;
  message: string;
  extract?: string;
}

const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'));
const JAVA = getSystemTools(process.env).java.command;
const served = mkdtempSync(join(tmpdir(), 'carepath-vnu-'));
afterAll(() => rmSync(served, { recursive: true, force: true }));

it('the Nu Html Checker finds no error in any page of the build, the 422 page or the 404', { timeout: 120_000 }, async () => {
  assertSystemTools(['java']);
  const client = readBuiltClient(inject('distDir'));
  const files = [...client.files].filter((file) => file.endsWith('.html')).map((file) => join(client.dir, file));
  for (const page of await fetchServedPages(inject('origin'))) {
    const file = join(served, `served-${page.status}.html`);
    writeFileSync(file, page.html);
    files.push(file);
  }

  const vnu = spawnSync(JAVA, ['-jar', VNU_JAR, '--format', 'json', '--stdout', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(vnu.error).toBeUndefined();
  const messages = parseMessages(vnu.stdout, vnu.stderr);

  const show = (m: VnuMessage) =>
    `${displayName(m.url)}:${m.firstLine ?? m.lastLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}: ${m.type === 'info' ? (m.subType ?? 'info') : m.type}: ${m.message}${m.extract ? `\n    ${m.extract.replace(/\s+/g, ' ')}` : ''}`;
  const errors = messages.filter((m) => m.type !== 'info');
  const warnings = messages.filter((m) => m.type === 'info' && m.subType === 'warning');
  console.log(`vnu checked ${files.length} HTML files: ${errors.length} errors, ${warnings.length} warnings.${[...errors, ...warnings].map((m) => `\n  ${show(m)}`).join('')}`);
  expect(errors.map(show)).toEqual([]);
  // vnu exits non-zero exactly when it found an error; a crash with no message must not pass.
  expect(vnu.status, vnu.stderr).toBe(0);
});

function parseMessages(stdout: string, stderr: string): VnuMessage[] {
  try {
    return (JSON.parse(stdout) as { messages: VnuMessage[] }).messages;
  } catch {
    throw new Error(`vnu printed no JSON report.\nstdout: ${stdout.slice(0, 2000)}\nstderr: ${stderr.slice(0, 2000)}`);
  }
}

/** The checked file, relative to the repository (built pages) or by its name (served pages). */
function displayName(url: string | undefined): string {
  if (!url?.startsWith('file:')) return url ?? '(vnu)';
  const path = fileURLToPath(url);
  return path.startsWith(served) ? `(served) ${relative(served, path)}` : relative(process.cwd(), path);
}
