import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { readVocabulary } from './vocabulary-file.ts';
import { createPageAuditContext, type PageAuditContext } from './audit.ts';
import { analyzePage } from './page-analysis.ts';
import { setNoindexInFile } from './noindex-file.ts';
import type { WorkerData, WorkerReply, WorkerRequest } from './page-reader.ts';

// A thread of page-reader.ts: analyzes the pages it is sent, read from their file or given as
// the HTML the build rendered, or sets written pages to noindex; answers each request with the
// analyses (none for noindex) or the first error.
const { siteUrl, pagePaths } = workerData as WorkerData;
// Made on the first page: a worker that only sets pages to noindex needs no vocabulary.
let context: PageAuditContext | undefined;
const port = parentPort;
if (!port) throw new Error('page-worker.ts runs as a worker thread of page-reader.ts.');
const decoder = new TextDecoder();

port.on('message', ({ id, pages, noindex = [] }: WorkerRequest) => {
  let reply: WorkerReply;
  let current = '';
  try {
    for (const file of noindex) {
      current = file;
      setNoindexInFile(file);
    }
    reply = {
      id,
      results: pages.map((page) => {
        current = page.file ?? page.path;
        const html = page.html ? decoder.decode(page.html) : readFileSync(page.file as string, 'utf8');
        context ??= createPageAuditContext({ siteUrl, pagePaths, vocabulary: readVocabulary() });
        return analyzePage(html, page.path, context);
      }),
    };
  } catch (error) {
    reply = { id, error: `${current}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
  port.postMessage(reply);
});
