/** One page of each template the site builds, as the quality gates sample them. */
export interface TemplatePage {
  template: string;
  path: string;
  /** The status the server answers with. */
  status: 200 | 404;
  /** The page tells search engines not to index it, by design. */
  noindex: boolean;
}

const page = (template: string, path: string, extra: Partial<Pick<TemplatePage, 'status' | 'noindex'>> = {}): TemplatePage => ({
  template,
  path,
  status: 200,
  noindex: false,
  ...extra,
});

/** Paths of the sample site in `content/`; a missing one fails the gates with its status. */
export const SAMPLE_PAGES: readonly TemplatePage[] = [
  page('home', '/'),
  page('locations index', '/locations/'),
  page('location', '/locations/hawthorne/'),
  page('services index', '/services/'),
  page('service', '/services/urgent-care/'),
  page('location × service', '/locations/hawthorne/pediatrics/'),
  page('conditions index', '/conditions/'),
  page('condition', '/conditions/low-back-pain/'),
  page('providers index', '/providers/'),
  page('provider', '/providers/priya-raman/'),
  page('privacy', '/privacy/'),
  page('request', '/request/', { noindex: true }),
  page('thank-you', '/thank-you/patient/', { noindex: true }),
  // Any unknown address gets the 404 page; a nested one shows that its links and assets do not
  // depend on where it is served.
  page('404', '/no-such-page/at/all/', { status: 404, noindex: true }),
];

/**
 * The pages the gates check: the sample's, or those `QUALITY_PAGES` names, comma-separated, for
 * another build (`QUALITY_DIST`), such as a generated organization's grouped provider directory:
 * `QUALITY_PAGES=/providers/,/providers/at/aspen-green/`. Each is its own template, expected to
 * answer 200 and be indexable.
 */
export function selectTemplatePages(qualityPages: string | undefined): readonly TemplatePage[] {
  if (qualityPages === undefined || qualityPages.trim() === '') return SAMPLE_PAGES;
  return qualityPages.split(',').map((path) => {
    const trimmed = path.trim();
    if (!/^\/\S*$/.test(trimmed)) throw new Error(`QUALITY_PAGES lists "${trimmed}": give site paths such as /providers/, comma-separated.`);
    return page(`page ${trimmed}`, trimmed);
  });
}

export const TEMPLATE_PAGES: readonly TemplatePage[] = selectTemplatePages(process.env['QUALITY_PAGES']);
