import type { TestProject } from 'vitest/node';
import { DEFAULT_DIST_DIR, makeLeadsDb, startServer } from '../../support/built-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built server every quality test asks, e.g. `http://127.0.0.1:40123`. */
    origin: string;
    /** The build under test: `dist`, or `QUALITY_DIST`. */
    distDir: string;
  }
}

/** Starts the built server once for all quality tests, with an empty lead database of its own. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const distDir = process.env['QUALITY_DIST'] ?? DEFAULT_DIST_DIR;
  const db = makeLeadsDb();
  // The tests post a few forms with mistakes from one address; the rate limit is tested elsewhere.
  const server = await startServer({ leadsDb: db.path, distDir, env: { LEAD_RATE_LIMIT: '10000' } });
  project.provide('origin', server.origin);
  project.provide('distDir', distDir);
  return async () => {
    await server.stop();
    db.remove();
  };
}
