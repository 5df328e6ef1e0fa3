import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getChromiumPath } from './chromium.ts';

/**
 * The programs the tests run that npm does not install: Chromium for the browser tests, Java
 * for the Nu Html Checker, PostgreSQL's server programs for the PostgreSQL lead store, and nginx
 * for the TLS proxy test. `npm run pretest` (test/setup/provision.ts) checks them, and installs
 * them when it can; the suites that need one check it again, so that a suite run on its own fails
 * at once with the same message.
 */
export type ToolName = 'chromium' | 'java' | 'postgres' | 'nginx';

export interface SystemTool {
  name: string;
  /** What is run: a path, or a name looked up on PATH. */
  command: string;
  /** Arguments that print the version and exit. */
  versionArgs: readonly string[];
  /** The Debian package that puts `command` in place when no variable points elsewhere. */
  aptPackage: string;
  /** The environment variable that chose `command`: apt-get cannot install a program there. */
  setBy?: string;
  /** How to make the tests use another copy, for the message when it is missing. */
  elsewhere: string;
}

type Env = Record<string, string | undefined>;

/** Where Debian's postgresql packages put each major version's programs: `<root>/<major>/bin`. */
export const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

export const DEFAULT_NGINX_PATH = '/usr/sbin/nginx';

/**
 * The folder with PostgreSQL's server programs (postgres, initdb, pg_ctl): `PG_BIN` when set, else
 * the newest of Debian's `/usr/lib/postgresql/<major>/bin` (`majors` lists the folders there).
 */
export function getPostgresBin(env: Env, majors: readonly string[]): { dir: string; setBy?: string } {
  if (env['PG_BIN']) return { dir: env['PG_BIN'], setBy: 'PG_BIN' };
  const newest = majors.filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a))[0];
  return { dir: join(DEBIAN_POSTGRES_ROOT, newest ?? '*', 'bin') };
}

function listPostgresMajors(): string[] {
  try {
    return readdirSync(DEBIAN_POSTGRES_ROOT);
  } catch {
    return [];
  }
}

/**
 * Where each tool is looked for: `CHROMIUM_PATH`; `JAVA`, else `JAVA_HOME`/bin/java, else `java` on
 * PATH; `PG_BIN`, else the newest /usr/lib/postgresql/<major>/bin; `NGINX`, else /usr/sbin/nginx.
 * `postgresMajors` are the folders in /usr/lib/postgresql (read from the disk unless given).
 */
export function getSystemTools(env: Env, postgresMajors: readonly string[] = listPostgresMajors()): Record<ToolName, SystemTool> {
  const chromium = getChromiumPath(env);
  const java = env['JAVA'] ? { command: env['JAVA'], setBy: 'JAVA' } : env['JAVA_HOME'] ? { command: join(env['JAVA_HOME'], 'bin', 'java'), setBy: 'JAVA_HOME' } : { command: 'java' };
  const postgres = getPostgresBin(env, postgresMajors);
  return {
    chromium: {
      name: 'Chromium',
      command: chromium,
      versionArgs: ['--version'],
      aptPackage: 'chromium',
      elsewhere: 'CHROMIUM_PATH=/path/to/chromium-or-chrome picks another browser',
      ...(env['CHROMIUM_PATH'] ? { setBy: 'CHROMIUM_PATH' } : {}),
    },
    java: { name: 'Java', versionArgs: ['-version'], aptPackage: 'default-jre-headless', elsewhere: 'JAVA_HOME=/path/to/jre (or JAVA=/path/to/java) picks another Java', ...java },
    postgres: {
      name: 'PostgreSQL',
      command: join(postgres.dir, 'postgres'),
      versionArgs: ['--version'],
      aptPackage: 'postgresql',
      elsewhere: 'PG_BIN=/path/to/postgresql/bin (the folder with postgres, initdb and pg_ctl) picks another PostgreSQL',
      ...(postgres.setBy ? { setBy: postgres.setBy } : {}),
    },
    nginx: {
      name: 'nginx',
      command: env['NGINX'] || DEFAULT_NGINX_PATH,
      versionArgs: ['-v'],
      aptPackage: 'nginx',
      elsewhere: 'NGINX=/path/to/nginx picks another nginx',
      ...(env['NGINX'] ? { setBy: 'NGINX' } : {}),
    },
  };
}

export type ProvisionPlan = { action: 'none' } | { action: 'install'; packages: string[] } | { action: 'fail'; message: string };

/**
 * What to do about the missing tools: install them with apt-get when running as root where it is
 * available and no variable points elsewhere, otherwise stop with a message saying what to run.
 */
export function planProvision(options: { missing: readonly SystemTool[]; isRoot: boolean; hasAptGet: boolean }): ProvisionPlan {
  const { missing, isRoot, hasAptGet } = options;
  if (missing.length === 0) return { action: 'none' };
  if (isRoot && hasAptGet && missing.every((tool) => !tool.setBy)) return { action: 'install', packages: missing.map((tool) => tool.aptPackage) };
  return { action: 'fail', message: formatMissing({ missing, isRoot }) };
}

export function formatInstallCommand(options: { packages: readonly string[]; isRoot: boolean }): string {
  return `${options.isRoot ? '' : 'sudo '}apt-get install -y ${options.packages.join(' ')}`;
}

/** Says which tools are missing, where they were looked for, and how to install them or point elsewhere. */
export function formatMissing(options: { missing: readonly SystemTool[]; isRoot: boolean }): string {
  const { missing, isRoot } = options;
  const where = (tool: SystemTool) => (tool.setBy ? `${tool.command} (from ${tool.setBy})` : tool.command.includes('/') ? tool.command : `${tool.command} on PATH`);
  const setBy = missing.flatMap((tool) => (tool.setBy ? [tool.setBy] : []));
  const elsewhere = missing.map((tool) => tool.elsewhere);
  const names = missing.map((tool) => tool.name);
  const listed = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names.join('');
  return [
    `The tests need ${listed}, which npm does not install:`,
    ...missing.map((tool) => `  ${tool.name}: ${where(tool)} does not run.`),
    `Install with: ${formatInstallCommand({ packages: missing.map((tool) => tool.aptPackage), isRoot })}${setBy.length > 0 ? `, then unset ${setBy.join(' and ')}` : ''}`,
    '  (`npm test` runs that itself when run as root where apt-get is available; `npm run pretest` does only that step.)',
    `Or: ${elsewhere.join('; ')}.`,
  ].join('\n');
}

/** One line for the log: the tool, the first line its version command printed, and what was run. */
export function formatVersionLine(tool: SystemTool, output: string): string {
  const version = output.split('\n').find((line) => line.trim() !== '' && !line.startsWith('Picked up ')) ?? '(no version printed)';
  return `${tool.name}: ${version.trim()} (${tool.command})`;
}

/** Runs the tool's version command: what it printed (Java prints to stderr), or undefined if it does not run. */
export function probeTool(tool: SystemTool): string | undefined {
  const run = spawnSync(tool.command, tool.versionArgs, { encoding: 'utf8', timeout: 30_000 });
  return run.error || run.status !== 0 ? undefined : `${run.stdout}\n${run.stderr}`;
}

/** Throws the message of `npm run pretest` when one of these tools does not run; for suites run on their own. */
export function assertSystemTools(names: readonly ToolName[], env: Env = process.env): void {
  const tools = getSystemTools(env);
  const missing = names.map((name) => tools[name]).filter((tool) => probeTool(tool) === undefined);
  if (missing.length > 0) throw new Error(formatMissing({ missing, isRoot: process.getuid?.() === 0 }));
}
