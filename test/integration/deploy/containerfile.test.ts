import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, startServer, type RunningServer } from '../../support/built-server.ts';
import { findImportedPackages, parseContainerfile, parseCopy, parseEnv, parseExecForm, type Instruction } from '../../support/containerfile.ts';

/**
 * This machine has a container client but no container engine, and no image registry can be
 * reached (docs/deploy.md, "The container image"), so the image is never built here. Instead the
 * Containerfile is checked against the repository and the build, and its last stage is run as
 * far as it can be without a container: a production-only install, the files it copies, its
 * environment, its CMD, a lead posted and read back, and its HEALTHCHECK command.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const NODE = join(ROOT, 'node_modules/.bin/node');
const instructions = parseContainerfile(readFileSync(join(ROOT, 'Containerfile'), 'utf8'));
const finalStage = instructions.filter((instruction) => instruction.keyword === 'FROM').at(-1)?.stage ?? '';
const final = instructions.filter((instruction) => instruction.stage === finalStage);
const only = (keyword: string): Instruction => {
  const found = final.filter((instruction) => instruction.keyword === keyword);
  if (found.length !== 1) throw new Error(`The Containerfile's last stage has ${found.length} ${keyword} instructions; expected one.`);
  return found[0] as Instruction;
};
const workdir = only('WORKDIR').args;
const copies = final.filter((instruction) => instruction.keyword === 'COPY').map((instruction) => parseCopy(instruction.args));
/** Build-stage paths are the repository's: the build stage works in the same WORKDIR after `COPY . .`. */
const fromBuild = (source: string): string => join(ROOT, source.replace(new RegExp(`^${workdir}/?`), ''));

beforeAll(() => assertBuilt());

describe('the Containerfile against the repository', () => {
  it('copies into the runtime only what exists after `npm run build`', () => {
    expect(copies.map((copy) => copy.from)).not.toContain(undefined);
    for (const copy of copies.filter((c) => c.from === 'build')) {
      for (const source of copy.sources) expect(existsSync(fromBuild(source)), `${source} after the build`).toBe(true);
    }
    expect(copies.flatMap((copy) => copy.sources).sort()).toEqual(['/app/dist/client', '/app/dist/server', '/app/node_modules', '/app/package.json', '/app/src']);
  });

  it('runs what `npm run serve` runs, as a user who is not root', () => {
    const serve = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['serve'] ?? '';
    const [command, file] = serve.split(' ');
    expect(parseExecForm(only('CMD').args)).toEqual([command, file?.replace(/^\.\//, '')]);
    expect(final.some((instruction) => instruction.keyword === 'ENTRYPOINT')).toBe(false);
    expect(only('USER').args).not.toMatch(/^(root|0)(:|$)/);
    expect(only('VOLUME').args).toContain('/data');
    expect(parseEnv(only('ENV').args)['LEADS_DB']).toMatch(/^\/data\//);
    expect(only('EXPOSE').args).toBe(parseEnv(only('ENV').args)['PORT']);
  });

  it('installs every package the built server and the leads CLI import as a production dependency', async () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const serverFiles = readdirSync(join(ROOT, 'dist/server'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.mjs'));
    const imported = new Set(serverFiles.flatMap((file) => [...findImportedPackages(readFileSync(join(ROOT, 'dist/server', file), 'utf8'))]));
    const cli = await build({
      entryPoints: [join(ROOT, 'src/server/cli/leads.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    for (const output of Object.values(cli.metafile.outputs)) {
      for (const entry of output.imports) if (entry.external) for (const name of findImportedPackages(`import "${entry.path}"`)) imported.add(name);
    }
    expect(imported.size).toBeGreaterThan(5);
    const missing = [...imported].filter((name) => {
      const entry = lock.packages[`node_modules/${name}`];
      return entry === undefined || entry.dev === true;
    });
    expect(missing, 'imported at run time but not installed by npm ci --omit=dev: move them to dependencies').toEqual([]);
  });

  it('keeps data, secrets, builds and node_modules out of the build context', () => {
    for (const file of ['.containerignore', '.dockerignore']) {
      const lines = readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .map((line) => line.trim());
      for (const entry of ['node_modules', 'dist', 'data', '.git', '.env', '.env.*', '*.db', '*.db-wal']) expect(lines, `${file}: ${entry}`).toContain(entry);
    }
  });
});

describe('the runtime stage, run without a container', () => {
  let dir: string;
  let server: RunningServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'carepath-image-'));
    // The runtime-packages stage: only production dependencies, no install scripts.
    cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    cpSync(join(ROOT, 'package-lock.json'), join(dir, 'package-lock.json'));
    const install = spawnSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`npm ci --omit=dev failed:\n${install.stderr}`);
    expect(existsSync(join(dir, 'node_modules/vitest'))).toBe(false);
    for (const copy of copies.filter((c) => c.from === 'build')) {
      for (const source of copy.sources) cpSync(fromBuild(source), join(dir, copy.destination.replace(/^\.\//, '')), { recursive: true });
    }
    // RUN mkdir -p /data && chmod 0700 /data, with the image's LEADS_DB moved under the temp folder.
    mkdirSync(join(dir, 'data'), { mode: 0o700 });
    chmodSync(join(dir, 'data'), 0o700);
    env = { ...parseEnv(only('ENV').args), LEADS_DB: join(dir, 'data/leads.db'), HOST: '127.0.0.1', PORT: '0' };
    server = await startServer({ leadsDb: env['LEADS_DB'] ?? '', distDir: join(dir, 'dist'), cwd: dir, env });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('takes a lead and the leads CLI in the image reads it back', async () => {
    expect(existsSync(join(dir, 'content')), 'the runtime has no content folder').toBe(false);
    const response = await fetch(`${server.origin}/api/leads`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.origin },
      body: JSON.stringify({ leadType: 'patient', name: 'Image Test', phone: '503 555 0142', timing: 'flexible', consent: true }),
    });
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const listed = JSON.parse(execFileSync(NODE, ['src/server/cli/leads.ts', 'list', '--json'], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' })) as {
      id: string;
      fields: Record<string, string>;
    }[];
    expect(listed.map((lead) => [lead.id, lead.fields['name']])).toEqual([[id, 'Image Test']]);
    expect(statSync(env['LEADS_DB'] ?? '').mode & 0o777).toBe(0o600);
  });

  it("passes its HEALTHCHECK command, and the check's path is the server's own", async () => {
    const argv = parseExecForm(only('HEALTHCHECK').args);
    expect(argv[0]).toBe('node');
    const port = new URL(server.origin).port;
    const check = spawnSync(NODE, argv.slice(1), { env: { ...process.env, PORT: port }, encoding: 'utf8', timeout: 10_000 });
    expect(check.status, check.stderr).toBe(0);
    const path = /'(\/[^']+)'/.exec(argv.join(' '))?.[1];
    expect(path).toBe('/api/form-token');
    expect(existsSync(join(ROOT, 'dist/client', path ?? ''))).toBe(false);
    const stopped = spawnSync(NODE, argv.slice(1), { env: { ...process.env, PORT: '1' }, encoding: 'utf8', timeout: 10_000 });
    expect(stopped.status).not.toBe(0);
  });
});
