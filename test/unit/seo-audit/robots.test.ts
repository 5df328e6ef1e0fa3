import { describe, expect, it } from 'vitest';
import { buildRobotsTxt } from '@/seo-audit/robots.ts';

describe('buildRobotsTxt', () => {
  it('lets every crawler into a production site but the intake inbox, and names the sitemap index', () => {
    expect(buildRobotsTxt({ deployEnv: 'production', siteUrl: 'https://riverbend.example' })).toMatchInlineSnapshot(`
      "User-agent: *
      Allow: /
      Disallow: /intake/

      Sitemap: https://riverbend.example/sitemap-index.xml
      "
    `);
  });

  it('shuts every crawler out of a preview and names no sitemap', () => {
    const robots = buildRobotsTxt({ deployEnv: 'preview', siteUrl: 'https://preview.riverbend.example' });
    expect(robots).toMatchInlineSnapshot(`
      "# Preview deployment: not for search engines.
      User-agent: *
      Disallow: /
      "
    `);
    expect(robots).not.toMatch(/sitemap/i);
  });
});
