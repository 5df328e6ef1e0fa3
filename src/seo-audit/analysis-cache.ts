import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { PageAnalysis } from './page-analysis.ts';

/**
 * Where the analyses of the last build's pages are kept, relative to Astro's cacheDir (one per
 * content folder, beside the incremental build's own cache). An incremental build restores most
 * pages from Astro's cache without rendering them: their analyses come from here instead of from
 * reading them again.
 */
export const ANALYSIS_CACHE_FILE = 'carepath/seo-analyses.bin';

/** What an analysis depends on besides the page's own HTML and path. */
export interface AnalysisContext {
  siteUrl: string;
  /** Every page of the build: the link checks look each link up in it. */
  pagePaths: readonly string[];
}

/** The cache file: analyses by `hashPage(path, html)`, valid only for the context they were made in. */
interface CacheFile {
  context: string;
  analyses: Map<string, Buffer>;
}

/**
 * Page analyses by page path and HTML hash, from the last build and for the next. An analysis is
 * found only for the same path, the same HTML bytes, the same list of pages, the same site URL and
 * the same code (every file of src/ and the lockfile): a stale one cannot be found. Each analysis
 * is kept as the structured clone a worker thread answers with, so a found one equals a fresh one.
 */
export class AnalysisCache {
  readonly #file: string;
  readonly #context: string;
  readonly #previous: Map<string, Buffer>;
  readonly #next = new Map<string, Buffer>();

  private constructor(file: string, context: string, previous: Map<string, Buffer>) {
    this.#file = file;
    this.#context = context;
    this.#previous = previous;
  }

  /** The cache kept in `file` for this context; an empty one when the file is missing, unreadable or from another context. */
  static load(file: string, context: AnalysisContext): AnalysisCache {
    const key = hashContext(context);
    let previous = new Map<string, Buffer>();
    try {
      if (existsSync(file)) {
        const kept = deserialize(readFileSync(file)) as CacheFile;
        if (kept.context === key && kept.analyses instanceof Map) previous = kept.analyses;
      }
    } catch {
      // A cache from an older format or a half-written file: the pages are read again.
    }
    return new AnalysisCache(file, key, previous);
  }

  /** The analysis of the page at `path` whose HTML hashes to `hash`, if the last build made it; kept for the next build. */
  find(path: string, hash: string): PageAnalysis | undefined {
    const key = `${path}\n${hash}`;
    const kept = this.#previous.get(key);
    if (kept === undefined) return undefined;
    this.#next.set(key, kept);
    return deserialize(kept) as PageAnalysis;
  }

  /** Keeps a page's analysis (with its links: it must be whole) for the next build. */
  keep(path: string, hash: string, analysis: PageAnalysis | Buffer): void {
    this.#next.set(`${path}\n${hash}`, Buffer.isBuffer(analysis) ? analysis : serialize(analysis));
  }

  /** Writes the analyses found or kept in this build, and only those. */
  save(): void {
    mkdirSync(dirname(this.#file), { recursive: true });
    const file: CacheFile = { context: this.#context, analyses: this.#next };
    // Written aside and renamed: a build stopped halfway never leaves half a cache.
    writeFileSync(`${this.#file}.tmp`, serialize(file));
    renameSync(`${this.#file}.tmp`, this.#file);
  }
}

/** The hash a page's analysis is kept under: its HTML bytes. */
export function hashHtml(html: Uint8Array): string {
  return createHash('sha256').update(html).digest('base64url');
}

let codeVersion: string | undefined;

function hashContext(context: AnalysisContext): string {
  codeVersion ??= readCodeVersion();
  return createHash('sha256')
    .update(JSON.stringify({ siteUrl: context.siteUrl, pagePaths: [...context.pagePaths].sort(), code: codeVersion, node: process.version }))
    .digest('base64url');
}

/**
 * A hash of the code that analyzes pages: every file of src/ (the folder above this one), and the
 * lockfile for the packages it uses. Coarser than the analysis's own imports, and so never stale.
 */
function readCodeVersion(): string {
  const src = fileURLToPath(new URL('..', import.meta.url));
  const hash = createHash('sha256');
  const files = readdirSync(src, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const file of files) hash.update(file.slice(src.length)).update('\0').update(readFileSync(file)).update('\0');
  const lockfile = join(src, '..', 'package-lock.json');
  if (existsSync(lockfile)) hash.update(readFileSync(lockfile));
  return hash.digest('base64url');
}

/**
 * The pages this build rendered, as the prerenderer streamed them to the analysis: each page's
 * HTML hash and its whole analysis (the stream's consumer drops the links), for the cache.
 */
export class RenderedAnalyses {
  readonly #hashes = new Map<string, string>();
  readonly #analyses = new Map<string, Buffer>();

  noteHtml(path: string, html: Uint8Array): void {
    this.#hashes.set(path, hashHtml(html));
  }

  noteAnalysis(analysis: PageAnalysis): void {
    this.#analyses.set(analysis.outline.path, serialize(analysis));
  }

  /** Keeps every rendered page's analysis in `cache`. */
  keepIn(cache: AnalysisCache): void {
    for (const [path, analysis] of this.#analyses) {
      const hash = this.#hashes.get(path);
      if (hash !== undefined) cache.keep(path, hash, analysis);
    }
  }
}
