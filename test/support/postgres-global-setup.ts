/**
 * Vitest globalSetup: one throwaway PostgreSQL server (postgres.ts) for the whole run, removed at
 * the end. Each test file that needs PostgreSQL makes a database of its own on it:
 * `await createTestDatabase(inject('postgresAdminUrl'))`.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The test server's `postgres` database, from which test files create their own. */
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide('postgresAdminUrl', server.url());
  return () => server.remove();
}
