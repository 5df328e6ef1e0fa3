/**
 * The build benchmark: generates synthetic sites of about 1,000 and 10,000 pages, builds each
 * with `astro build` and reports wall time, pages per second, peak memory of the build's process
 * tree and the time of two incremental rebuilds: after one condition's MDX changes (its pages are
 * rendered, the rest restored), then after the organization's phone changes (every page is rendered).
 *
 *   npm run bench:build                       # 1k and 10k, waits for a quiet machine
 *   npm run bench:build -- --smoke            # ~50 pages, seconds: checks the benchmark still works
 *   npm run bench:build -- --sizes 1k --no-rebuild --cpu-prof
 *   npm run bench:build -- --sizes 10k --compare  # and a plain Astro Markdown site of as many pages
 *
 * Options: --sizes smoke,1k,10k,50k · --compare (after each cold build, builds the plain Astro site
 * of test/bench/plain-astro/ with the same number of ~600-word Markdown pages, cold, the same way)
 * · --root <project> (another checkout to compare) · --out <dir>
 * (inside the project; default .scratch/bench-build) · --no-rebuild · --wait-quiet <seconds>
 * (wait until the 1-minute load average is under 1.5; default 900, 0 with --smoke) · --cpu-prof
 * (writes a V8 CPU profile of each build to <out>/profiles). Results go to <out>/results.json.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getContentCacheDir } from '../../src/build/content-cache-dir.ts';
import { PLAIN_ASTRO_ROOT, writePlainSite } from './plain-site.ts';
import { writeSyntheticContent } from './synthetic/generate-content.ts';
import type { SyntheticOptions } from './synthetic/synthetic-content.ts';

/** The sites the benchmark builds: most pages are location × service pages. */
export const SIZES = {
  smoke: { locations: 13, services: 6, servicesPerLocation: 5, conditions: 6, providers: 8, locationsPerCity: 5 },
  '1k': { locations: 20, services: 44, servicesPerLocation: 40, conditions: 60, providers: 70 },
  '10k': { locations: 200, services: 50, servicesPerLocation: 45, conditions: 150, providers: 600 },
  /** The issue's 50,000-page health system: 1,000 locations, 45 services each, 1,500 providers. */
  '50k': { locations: 1000, services: 45, servicesPerLocation: 45, conditions: 150, providers: 1500 },
} as const satisfies Record<string, Omit<SyntheticOptions, 'seed'>>;
export type SizeName = keyof typeof SIZES;

const SEED = 'bench';
/** The load average under which a machine counts as quiet enough to measure on. */
const QUIET_LOAD = 1.5;
const RSS_POLL_MS = 100;

/** Log lines that start each phase of an Astro build, in order. */
const PHASES = [
  { name: 'startup and content sync', marker: undefined },
  { name: 'bundle (Vite)', marker: 'Building server entrypoints' },
  { name: 'render pages', marker: 'prerendering static routes' },
  { name: 'images', marker: 'generating optimized images' },
  { name: 'post-build (sitemap, SEO step)', marker: 'Rearranging server assets' },
] as const;

export interface BuildRun {
  ok: boolean;
  exitCode: number | null;
  wallSeconds: number;
  /** Pages in the SEO report; undefined when the build failed. */
  pages?: number | undefined;
  pagesPerSecond?: number | undefined;
  /** Highest sum of the resident memory of the build process and its children, in MiB (Linux). */
  peakRssMiB?: number | undefined;
  phases: { name: string; seconds: number; peakRssMiB?: number | undefined }[];
  loadBefore: number | undefined;
  loadAfter: number | undefined;
  /** The last lines of the output, when the build failed. */
  failure?: string | undefined;
}

export interface SizeResult {
  size: SizeName;
  content: Omit<SyntheticOptions, 'seed'> & { files: number; textKiB: number };
  build: BuildRun;
  rebuild?: (BuildRun & { changed: string }) | undefined;
  /** The rebuild after the organization's phone changes: something every page shows. */
  rebuildAll?: (BuildRun & { changed: string }) | undefined;
  /** Pages the doorway guard set to noindex, from the SEO report. */
  doorways?: number | undefined;
  /** With --compare: the plain Astro Markdown site of as many pages, built cold. */
  plain?: BuildRun | undefined;
}

export interface BenchOptions {
  root: string;
  out: string;
  sizes: SizeName[];
  rebuild: boolean;
  waitQuietSeconds: number;
  cpuProf: boolean;
  compare?: boolean | undefined;
  log?: ((line: string) => void) | undefined;
}

/** Generates, builds and rebuilds each size; returns what it measured. */
export async function runBuildBenchmark(options: BenchOptions): Promise<SizeResult[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const root = resolve(options.root);
  const out = resolve(root, options.out);
  if (relative(root, out).startsWith('..')) throw new Error(`--out must be inside the project (${root}): Astro resolves the built server's imports from there.`);
  mkdirSync(out, { recursive: true });
  const results: SizeResult[] = [];
  for (const size of options.sizes) {
    const contentDir = join(out, `content-${size}`);
    const dist = join(out, `dist-${size}`);
    const sizes = SIZES[size];
    const written = writeSyntheticContent(contentDir, { ...sizes, seed: SEED });
    log(`${size}: generated ${written.files} files (${Math.round(written.bytes / 1024)} KiB of text) in ${relative(root, contentDir)}`);
    // A cold build: no content-layer or image cache, no earlier output.
    rmSync(getContentCacheDir(root, contentDir), { recursive: true, force: true });
    rmSync(dist, { recursive: true, force: true });

    const build = await measureBuild({ root, ...carepathBuild(contentDir, dist), options, label: `${size} build`, log });
    const result: SizeResult = { size, content: { ...sizes, files: written.files, textKiB: Math.round(written.bytes / 1024) }, build };
    result.doorways = readDoorways(dist);
    if (build.ok && options.compare) result.plain = await measurePlainBuild({ root, out, size, pages: build.pages ?? 0, options, log });
    if (build.ok && options.rebuild) {
      const changed = changeOneMdxFile(contentDir);
      log(`${size}: changed ${relative(root, changed)}`);
      result.rebuild = { ...(await measureBuild({ root, ...carepathBuild(contentDir, dist), options, label: `${size} rebuild`, log })), changed: relative(root, changed) };
      const phone = changeOrganizationPhone(contentDir);
      log(`${size}: changed the phone in ${relative(root, phone)}`);
      result.rebuildAll = { ...(await measureBuild({ root, ...carepathBuild(contentDir, dist), options, label: `${size} rebuild (phone)`, log })), changed: relative(root, phone) };
    }
    results.push(result);
  }
  writeFileSync(join(out, 'results.json'), `${JSON.stringify({ machine: describeMachine(), results }, null, 2)}\n`);
  log(formatResults(results));
  return results;
}

/** One `astro build` to measure: its arguments after the astro binary, its environment, and how to count its pages. */
interface AstroBuild {
  args: string[];
  env: NodeJS.ProcessEnv;
  countPages: () => number | undefined;
}

/** Carepath's build of the generated content in `contentDir`; its pages are those of the SEO report. */
function carepathBuild(contentDir: string, dist: string): AstroBuild {
  return { args: ['build', '--outDir', dist], env: { CONTENT_DIR: contentDir }, countPages: () => readPageCount(dist) };
}

/**
 * Builds the plain Astro Markdown site (test/bench/plain-astro/) with `pages` pages, cold: its
 * content is written again, and its content cache and output removed.
 */
async function measurePlainBuild(input: { root: string; out: string; size: SizeName; pages: number; options: BenchOptions; log: (line: string) => void }): Promise<BuildRun> {
  const { root, out, size, pages, options, log } = input;
  const plainRoot = fileURLToPath(PLAIN_ASTRO_ROOT);
  const contentDir = join(out, `plain-content-${size}`);
  const dist = join(out, `plain-dist-${size}`);
  const bytes = writePlainSite(contentDir, pages);
  log(`${size}: wrote ${pages} Markdown pages (${Math.round(bytes / 1024)} KiB) for plain Astro in ${relative(root, contentDir)}`);
  for (const cache of ['node_modules/.astro', '.astro']) rmSync(join(plainRoot, cache), { recursive: true, force: true });
  rmSync(dist, { recursive: true, force: true });
  const build: AstroBuild = { args: ['build', '--root', plainRoot, '--outDir', dist], env: { PLAIN_CONTENT_DIR: contentDir }, countPages: () => countHtmlFiles(dist) };
  return measureBuild({ root, ...build, options, label: `${size} plain Astro`, log });
}

async function measureBuild(input: AstroBuild & { root: string; options: BenchOptions; label: string; log: (line: string) => void }): Promise<BuildRun> {
  const { root, options, label, log } = input;
  const loadBefore = await waitForQuiet(options.waitQuietSeconds, log);
  const args = [join(root, 'node_modules/astro/bin/astro.mjs'), ...input.args];
  const nodeArgs = options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${join(resolve(root, options.out), 'profiles')}`] : [];
  const env: NodeJS.ProcessEnv = { ...process.env, ...input.env, NO_COLOR: '1' };
  for (const key of ['NODE_ENV', 'SITE_URL', 'PORT', 'HOST', 'DEPLOY_ENV', 'SIMILARITY_THRESHOLD']) delete env[key];
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];

  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const marks: { phase: number; at: number }[] = [{ phase: 0, at: started }];
  const rssByPhase: number[] = [];
  let peak = 0;
  const lines: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > 400) lines.shift();
      const next = marks.length;
      const phase = PHASES[next];
      if (phase?.marker && line.includes(phase.marker)) marks.push({ phase: next, at: performance.now() });
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const poll = setInterval(() => {
    const rss = readTreeRss(child.pid);
    if (rss === undefined) return;
    peak = Math.max(peak, rss);
    const phase = marks.length - 1;
    rssByPhase[phase] = Math.max(rssByPhase[phase] ?? 0, rss);
  }, RSS_POLL_MS);
  const exitCode = await new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  clearInterval(poll);
  const ended = performance.now();
  const wallSeconds = (ended - started) / 1000;
  const pages = exitCode === 0 ? input.countPages() : undefined;
  const run: BuildRun = {
    ok: exitCode === 0 && pages !== undefined,
    exitCode,
    wallSeconds: round(wallSeconds),
    pages,
    pagesPerSecond: pages === undefined ? undefined : Math.round(pages / wallSeconds),
    peakRssMiB: peak > 0 ? Math.round(peak / 1024 / 1024) : undefined,
    phases: marks.map((mark, i) => ({
      name: PHASES[mark.phase]?.name ?? '?',
      seconds: round(((marks[i + 1]?.at ?? ended) - mark.at) / 1000),
      peakRssMiB: rssByPhase[i] === undefined ? undefined : Math.round((rssByPhase[i] as number) / 1024 / 1024),
    })),
    loadBefore,
    loadAfter: readLoad(),
    failure: exitCode === 0 ? undefined : lines.slice(-40).join('\n'),
  };
  log(
    `${label}: ${run.ok ? 'ok' : `FAILED (exit ${exitCode})`} in ${run.wallSeconds} s` +
      (pages ? `, ${pages} pages, ${run.pagesPerSecond} pages/s` : '') +
      (run.peakRssMiB ? `, peak ${run.peakRssMiB} MiB` : '') +
      `, load ${loadBefore ?? '?'} → ${run.loadAfter ?? '?'}`,
  );
  if (!run.ok) log(run.failure ?? '');
  return run;
}

/** Changes the organization's phone number, which every page shows in its header. */
function changeOrganizationPhone(contentDir: string): string {
  const folder = join(contentDir, 'organization');
  const file = join(folder, readdirSync(folder).find((name) => /\.ya?ml$/.test(name)) as string);
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(/^(phone:\s*["']?\+1\d{6})(\d{4})/m, (_match, start: string, end: string) => `${start}${String((Number(end) + 1) % 10000).padStart(4, '0')}`);
  if (changed === text) throw new Error(`No phone number to change in ${file}.`);
  writeFileSync(file, changed);
  return file;
}

/** Appends a sentence to the body of the first condition, as a writer's edit would. */
function changeOneMdxFile(contentDir: string): string {
  const folder = join(contentDir, 'conditions');
  const file = join(
    folder,
    readdirSync(folder)
      .filter((name) => name.endsWith('.mdx'))
      .sort()[0] as string,
  );
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, `${text.trimEnd()}\n\nThis page was updated to say when to call after hours.\n`);
  return file;
}

function readPageCount(dist: string): number | undefined {
  try {
    return (JSON.parse(readFileSync(join(dist, 'seo-report.json'), 'utf8')) as { summary: { pages: number } }).summary.pages;
  } catch {
    return undefined;
  }
}

/** The pages a build wrote: its HTML files. */
function countHtmlFiles(dist: string): number | undefined {
  if (!existsSync(dist)) return undefined;
  return readdirSync(dist, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith('.html')).length;
}

function readDoorways(dist: string): number | undefined {
  try {
    const report = JSON.parse(readFileSync(join(dist, 'seo-report.json'), 'utf8')) as { pages: { noindexReasons?: { kind: string }[] }[] };
    return report.pages.filter((page) => page.noindexReasons?.some((reason) => reason.kind === 'doorway')).length;
  } catch {
    return undefined;
  }
}

/** The resident memory of a process and all its descendants, in bytes; undefined off Linux. */
function readTreeRss(pid: number | undefined): number | undefined {
  if (pid === undefined || !existsSync('/proc')) return undefined;
  const children = new Map<number, number[]>();
  let total = 0;
  try {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        // Fields after the command name, which may itself hold spaces and parentheses.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
      } catch {
        // The process ended while being read.
      }
    }
    const queue = [pid];
    while (queue.length > 0) {
      const current = queue.pop() as number;
      try {
        const status = readFileSync(`/proc/${current}/status`, 'utf8');
        total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      } catch {
        // Ended.
      }
      queue.push(...(children.get(current) ?? []));
    }
  } catch {
    return undefined;
  }
  return total;
}

function readLoad(): number | undefined {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}

/** Waits until the 1-minute load average is under QUIET_LOAD, for at most `seconds`; returns the load. */
async function waitForQuiet(seconds: number, log: (line: string) => void): Promise<number | undefined> {
  const deadline = Date.now() + seconds * 1000;
  let load = readLoad();
  let said = false;
  while (load !== undefined && load >= QUIET_LOAD && Date.now() < deadline) {
    if (!said) log(`load average ${load}: waiting up to ${seconds} s for it to fall under ${QUIET_LOAD}…`);
    said = true;
    await new Promise((done) => setTimeout(done, 15_000));
    load = readLoad();
  }
  if (load !== undefined && load >= QUIET_LOAD) log(`load average ${load}: measuring anyway; the figures below were taken under load.`);
  return load;
}

export function describeMachine(): { cores: number; cpu: string; memoryGiB: number; node: string } {
  return { cores: availableParallelism(), cpu: cpus()[0]?.model ?? '?', memoryGiB: Math.round(totalmem() / 1024 ** 3), node: process.version };
}

export function formatResults(results: SizeResult[]): string {
  const rows = results.flatMap((r) => [
    [`${r.size} build`, r.build] as const,
    ...(r.rebuild ? [[`${r.size} rebuild (1 MDX changed)`, r.rebuild] as const] : []),
    ...(r.rebuildAll ? [[`${r.size} rebuild (org phone)`, r.rebuildAll] as const] : []),
    ...(r.plain ? [[`${r.size} plain Astro (Markdown)`, r.plain] as const] : []),
  ]);
  const table = rows.map(([label, run]) =>
    [
      label.padEnd(28),
      `${run.wallSeconds} s`.padStart(9),
      `${run.pages ?? '–'}`.padStart(7),
      `${run.pagesPerSecond ?? '–'}`.padStart(8),
      `${run.peakRssMiB ?? '–'}`.padStart(9),
      `${run.loadBefore ?? '?'}`.padStart(6),
    ].join(' '),
  );
  const phases = results.map((r) => `${r.size}: ${r.build.phases.map((p) => `${p.name} ${p.seconds} s${p.peakRssMiB ? ` (${p.peakRssMiB} MiB)` : ''}`).join(' · ')}`);
  const ratios = results.flatMap((r) =>
    r.plain?.ok
      ? [
          `${r.size}: Carepath's cold build takes ${round(r.build.wallSeconds / r.plain.wallSeconds)}× plain Astro's (goal ≤ 1.0); ${round((r.build.wallSeconds * 1000) / (r.build.pages ?? 1))} ms a page against ${round((r.plain.wallSeconds * 1000) / (r.plain.pages ?? 1))}`,
        ]
      : [],
  );
  return [
    `${'run'.padEnd(28)} ${'wall'.padStart(9)} ${'pages'.padStart(7)} ${'pages/s'.padStart(8)} ${'peak MiB'.padStart(9)} ${'load'.padStart(6)}`,
    ...table,
    '',
    ...phases,
    ...(ratios.length > 0 ? ['', ...ratios] : []),
  ].join('\n');
}

const round = (n: number) => Math.round(n * 10) / 10;

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      root: { type: 'string' },
      out: { type: 'string', default: '.scratch/bench-build' },
      'no-rebuild': { type: 'boolean', default: false },
      'wait-quiet': { type: 'string' },
      'cpu-prof': { type: 'boolean', default: false },
      compare: { type: 'boolean', default: false },
    },
  });
  const sizes = (values.sizes?.split(',') ?? (values.smoke ? ['smoke'] : ['1k', '10k'])).map((size) => size.trim());
  for (const size of sizes) if (!(size in SIZES)) throw new Error(`Unknown size "${size}"; sizes are ${Object.keys(SIZES).join(', ')}.`);
  const results = await runBuildBenchmark({
    root: values.root ?? new URL('../..', import.meta.url).pathname,
    out: values.out,
    sizes: sizes as SizeName[],
    rebuild: !values['no-rebuild'],
    waitQuietSeconds: values['wait-quiet'] === undefined ? (values.smoke ? 0 : 900) : Number(values['wait-quiet']),
    cpuProf: values['cpu-prof'],
    compare: values.compare,
  });
  if (results.some((r) => !r.build.ok || (r.rebuild && !r.rebuild.ok) || (r.rebuildAll && !r.rebuildAll.ok))) process.exitCode = 1;
}
