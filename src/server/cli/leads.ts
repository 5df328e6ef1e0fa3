/**
 * `npm run leads -- <command>`: list, show and export stored leads, manage intake users, read the
 * audit log. See `USAGE` in leads-command.ts. Runs on Node 24 directly (type stripping), so this file and its imports use
 * only erasable TypeScript and relative `.ts` imports.
 */
import { runLeadsCli } from './leads-command.ts';

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // `leads list | head` closes the pipe early; that is not a failure.
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runLeadsCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
