import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const base = process.env.PLAIN_CONTENT_DIR;
if (!base) throw new Error('Set PLAIN_CONTENT_DIR to the folder of generated Markdown pages (test/bench/plain-site.ts).');

const pages = defineCollection({
  loader: glob({ pattern: '**/*.md', base }),
  schema: z.object({ title: z.string(), description: z.string(), updated: z.coerce.date() }),
});

export const collections = { pages };
