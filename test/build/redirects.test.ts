import { appendFileSync, existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureSite, type BuildResult } from '../support/astro-build.ts';
import { createFixtureSite, type FixtureSite } from '../support/fixtures.ts';

/** The build output without the bundler's notes, short enough to read in a failed assertion. */
function excerpt({ code, output }: BuildResult): string {
  const lines = output.split('\n').filter((line) => !/[│╭╰─]|MODULE_LEVEL_DIRECTIVE|^\s*$/.test(line));
  return `exit code ${code}\n${lines.slice(-60).join('\n')}`;
}

/**
 * The good fixture built, then built again after a writer renamed one provider's file
 * (ana-ruiz → ana-ruiz-md, her references updated) and deleted another's (dana-levi, whose name
 * another page's text still gives), then once more with a loop in the redirects file.
 */
describe('a provider renamed and one removed between two builds', () => {
  let site: FixtureSite;
  let first: BuildResult;
  let second: BuildResult;
  let third: BuildResult;
  let redirectsAfterSecond = '';
  let serverFile = '';
  let sitemaps = '';
  let report = '';
  const content = (path: string) => join(site.root, 'content', path);

  beforeAll(async () => {
    site = createFixtureSite();
    appendFileSync(content('services/walk-in-care.mdx'), '\nFor stress after an injury, ask for דנה לוי.\n');
    first = await buildFixtureSite(site);

    renameSync(content('providers/ana-ruiz.mdx'), content('providers/ana-ruiz-md.mdx'));
    const condition = content('conditions/sprained-ankle.mdx');
    writeFileSync(condition, readFileSync(condition, 'utf8').replace('reviewer: ana-ruiz', 'reviewer: ana-ruiz-md'));
    rmSync(content('providers/dana-levi.mdx'));
    second = await buildFixtureSite(site);
    redirectsAfterSecond = existsSync(content('redirects.yaml')) ? readFileSync(content('redirects.yaml'), 'utf8') : '';
    const dist = join(site.root, 'dist');
    if (existsSync(join(dist, 'server/redirects.json'))) serverFile = readFileSync(join(dist, 'server/redirects.json'), 'utf8');
    if (existsSync(join(dist, 'client'))) {
      sitemaps = readdirSync(join(dist, 'client'))
        .filter((f) => f.startsWith('sitemap') && f.endsWith('.xml'))
        .map((f) => readFileSync(join(dist, 'client', f), 'utf8'))
        .join('\n');
    }
    if (existsSync(join(dist, 'seo-report.html'))) report = readFileSync(join(dist, 'seo-report.html'), 'utf8');

    appendFileSync(content('redirects.yaml'), '/old-a/: /old-b/\n/old-b/: /old-a/\n');
    third = await buildFixtureSite(site);
  }, 300_000);
  afterAll(() => site?.remove());

  it('builds the first time, with nothing to redirect yet', () => {
    expect(first.code, excerpt(first)).toBe(0);
    expect(first.output).not.toContain('redirects.yaml');
  });

  it('builds the second time and tells the writer to commit the redirects it added', () => {
    expect(second.code, excerpt(second)).toBe(0);
    expect(second.output, excerpt(second)).toContain(
      'Added /providers/ana-ruiz/ → /providers/ana-ruiz-md/, /providers/dana-levi/ → /providers/ to content/redirects.yaml: commit it so the redirects stay.',
    );
  });

  it('writes them into the fixture’s content/redirects.yaml, each under a comment saying when and why', () => {
    expect(redirectsAfterSecond).toMatch(
      /^# Old addresses .*\n# The build adds .*\n# Added by the build on \d{4}-\d{2}-\d{2}: \/providers\/ana-ruiz\/ was renamed \/providers\/ana-ruiz-md\/\.\n\/providers\/ana-ruiz\/: \/providers\/ana-ruiz-md\/\n# Added by the build on \d{4}-\d{2}-\d{2}: \/providers\/dana-levi\/ is gone; its visitors go to \/providers\/\.\n\/providers\/dana-levi\/: \/providers\/\n$/,
    );
  });

  it('writes them for the server, lists them in the SEO report, and no sitemap lists an old path', () => {
    expect(JSON.parse(serverFile)).toEqual({
      redirects: [
        { from: '/providers/ana-ruiz/', to: '/providers/ana-ruiz-md/' },
        { from: '/providers/dana-levi/', to: '/providers/' },
      ],
    });
    expect(report).toContain('<h2 id="redirects">Redirects (2)</h2>');
    expect(sitemaps).toContain('/providers/ana-ruiz-md/');
    expect(sitemaps).not.toContain('/providers/ana-ruiz/');
    expect(sitemaps).not.toContain('/providers/dana-levi/');
  });

  it('warns where the removed provider’s name is still in the text, with the line and the fix', () => {
    expect(second.output, excerpt(second)).toContain(
      'content/services/walk-in-care.mdx:15\n  warning: "דנה לוי" is the name of a provider removed since the last build (content/providers/dana-levi.mdx).\n    fix: Remove or replace "דנה לוי" here: that provider is gone.',
    );
  });

  it('refuses a loop in the redirects file, naming its lines', () => {
    expect(third.code, excerpt(third)).not.toBe(0);
    expect(third.output, excerpt(third)).toContain('content/redirects.yaml:7\n  error: /old-a/ leads round in a loop (/old-a/ → /old-b/ → /old-a/) and never reaches a page.');
    expect(third.output, excerpt(third)).toContain('content/redirects.yaml:8\n  error: /old-b/ leads round in a loop (/old-b/ → /old-a/ → /old-b/) and never reaches a page.');
  });
});
