import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '@/server/http/security-headers.ts';
import { parseContainerfile, parseEnv } from '../support/containerfile.ts';

/** docs/deploy.md and the Containerfile may name only variables the code reads, so they cannot drift from it. */
const ROOT = resolve(import.meta.dirname, '../..');
const guide = readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8');

/** Variables the guide names before the code reads them, each with the issue that brings it. */
const PLANNED = new Map<string, string>();
/** Capitals with underscores in the guide that are not environment variables. */
const NOT_VARIABLES = new Set(['AF_INET', 'AF_INET6', 'AF_UNIX']); // systemd's RestrictAddressFamilies=

function readSourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|mjs|astro)$/.test(file))
    .map((file) => readFileSync(join(dir, file), 'utf8'));
}

const sources = [...readSourceFiles(join(ROOT, 'src')), readFileSync(join(ROOT, 'astro.config.mjs'), 'utf8')];
/** `env['NAME']`, `env["NAME"]` and `process.env.NAME` anywhere in src/. */
const readByCode = new Set(sources.flatMap((text) => [...text.matchAll(/env(?:\[['"]([A-Z][A-Z0-9_]*)['"]\]|\.([A-Z][A-Z0-9_]*))/g)].map((match) => match[1] ?? match[2] ?? '')));
/** The named webhooks' variables are found by pattern (delivery/webhook-config.ts), not by name. */
const webhookPattern = (() => {
  const source = readFileSync(join(ROOT, 'src/server/delivery/webhook-config.ts'), 'utf8');
  const literal = /const VARIABLE = \/(.+)\/;/.exec(source)?.[1];
  if (literal === undefined) throw new Error('src/server/delivery/webhook-config.ts no longer has `const VARIABLE = /…/;`: update this test.');
  return new RegExp(literal);
})();

/**
 * The variables a text names: capitals with an underscore (`SITE_URL`, `LEADS_WEBHOOK_<NAME>_URL`),
 * and any capitals assigned (`PORT=4321`, `-e HOST=…`).
 */
function findVariables(text: string): Set<string> {
  const underscored = [...text.matchAll(/(?<![\w-])[A-Z][A-Z0-9]*(?:_(?:[A-Z0-9]+|<NAME>))+(?![\w-])/g)].map((match) => match[0]);
  const assigned = [...text.matchAll(/(?<![\w.-])([A-Z][A-Z0-9]*)=/g)].map((match) => match[1] ?? '');
  const names = [...underscored, ...assigned].map((name) => name.replace(/^LEADS_WEBHOOK_<NAME>_/, 'LEADS_WEBHOOK_NAME_'));
  return new Set(names.filter((name) => !NOT_VARIABLES.has(name)));
}

function isReadByCode(name: string): boolean {
  return readByCode.has(name) || webhookPattern.test(name);
}

describe('docs/deploy.md names only what the code has', () => {
  const named = [...findVariables(guide)];

  it('finds the variables it should (the check itself works)', () => {
    expect(named).toEqual(expect.arrayContaining(['SITE_URL', 'TRUSTED_PROXIES', 'ALLOWED_ORIGINS', 'LEADS_DB', 'LEADS_DATABASE_URL', 'HOST', 'PORT', 'LEADS_WEBHOOK_NAME_URL']));
    expect(readByCode.has('LEADS_DATABASE_URL')).toBe(true);
    expect(readByCode.has('TRUSTED_PROXIES')).toBe(true);
    expect(isReadByCode('CAREPATH_NOT_A_SETTING')).toBe(false);
  });

  it.each(named)('%s is read by the code, or planned in an issue the guide names', (name) => {
    const planned = PLANNED.get(name);
    if (planned === undefined) {
      expect(isReadByCode(name), `${name} is named in docs/deploy.md but nothing in src/ reads it`).toBe(true);
      return;
    }
    // When the code starts to read it, the guide's "not in the code yet" must go too.
    expect(isReadByCode(name), `${name} is read by the code now: take it off PLANNED and update docs/deploy.md`).toBe(false);
    expect(guide).toContain(`from the PostgreSQL store (${planned})`);
  });

  it('gives the Content-Security-Policy the server sends, for a CDN to copy', () => {
    expect(guide).toContain(`Content-Security-Policy: ${CONTENT_SECURITY_POLICY}`);
  });

  it('is linked from the README', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('(docs/deploy.md)');
  });
});

describe('the Containerfile sets only what the code reads', () => {
  const instructions = parseContainerfile(readFileSync(join(ROOT, 'Containerfile'), 'utf8'));
  const set = instructions.flatMap((instruction) =>
    instruction.keyword === 'ENV' ? Object.keys(parseEnv(instruction.args)) : instruction.keyword === 'ARG' ? [instruction.args.split('=')[0] ?? ''] : [],
  );

  it.each(set.filter((name) => name !== 'NODE_IMAGE'))('%s', (name) => {
    expect(isReadByCode(name)).toBe(true);
  });
});
