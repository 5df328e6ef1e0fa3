import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the end-to-end tests find the build and the server, shared by playwright.config.ts and the
 * tests. `E2E_DIST` points a run at its own build (e.g. `.scratch/e2e-dist`) instead of `dist`;
 * `E2E_PORT` moves the server when the default port is taken.
 */
export const DIST_DIR = process.env['E2E_DIST'] ?? 'dist';
export const PORT = Number(process.env['E2E_PORT'] ?? 4329);
export const ORIGIN = `http://127.0.0.1:${PORT}`;

/**
 * A fresh lead database for each run, made by the runner before it starts workers (they inherit
 * the variable), so tests read exactly the leads this run stored.
 */
process.env['E2E_LEADS_DB'] ??= join(mkdtempSync(join(tmpdir(), 'carepath-e2e-')), 'leads.db');
export const LEADS_DB = process.env['E2E_LEADS_DB'];
