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
export const TEMPLATE_PAGES: readonly TemplatePage[] = [
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
