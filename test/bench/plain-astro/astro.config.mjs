// @ts-check
// The reference site of `npm run bench:build -- --compare`: plain Astro with Markdown pages and
// Astro's defaults (static output, one core), as a team starting from Astro's blog template would
// have it. PLAIN_CONTENT_DIR names the generated Markdown (test/bench/plain-site.ts).
import { defineConfig } from 'astro/config';

export default defineConfig({
  site: 'https://plain.example',
  build: { format: 'directory' },
});
