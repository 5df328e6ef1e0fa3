import { isbot } from 'isbot';
import { INTAKE_PREFIX } from '../paths.ts';
import type { PageViewCount } from './types.ts';

/** Views of one page on one day, before it is known where they came from. */
export type DailyViews = Pick<PageViewCount, 'day' | 'path' | 'views'>;

/**
 * What the server knows of a response once it is sent, and all the counting rules look at. The
 * user agent is read here and never kept.
 */
export interface ServedResponse {
  method: string;
  /** The request's pathname, without its query. */
  path: string;
  status: number;
  /** The response's Content-Type header, if any. */
  contentType: string | undefined;
  userAgent: string | undefined;
}

const API_PREFIX = '/api/';

/**
 * Whether a response is a view of a page: a GET (a HEAD never is) answered 200 with HTML, not
 * the intake inbox nor the API, from a user agent that is present and not a known bot.
 */
export function isCountedView(response: ServedResponse): boolean {
  return (
    response.method === 'GET' &&
    response.status === 200 &&
    isHtml(response.contentType) &&
    !isPrivatePath(response.path) &&
    response.userAgent !== undefined &&
    response.userAgent.trim() !== '' &&
    !isbot(response.userAgent)
  );
}

// The media type, before any parameters; a test, so that no string is made for every response.
const HTML_TYPE = /^\s*text\/html\s*(?:;|$)/i;

function isHtml(contentType: string | undefined): boolean {
  return contentType !== undefined && HTML_TYPE.test(contentType);
}

function isPrivatePath(path: string): boolean {
  return path === INTAKE_PREFIX.slice(0, -1) || path.startsWith(INTAKE_PREFIX) || path === API_PREFIX.slice(0, -1) || path.startsWith(API_PREFIX);
}

// Directory-style segments without dots or escapes, so no dot segment can hide in them.
const PLAIN_PAGE_PATH = /^(?:\/[\w~-]+)*\/$/;

/**
 * The page a pathname names, as the site links it: dot segments resolved, repeated slashes
 * collapsed, `index.html` dropped and the trailing slash of a directory-style page added. The
 * static server answers `/services`, `/services/index.html` and `//services/` with the same
 * page as `/services/`, so they are counted as one.
 */
export function toPagePath(pathname: string): string {
  // Most requests name a page as the site links it; parsing a URL costs ten times this test.
  if (PLAIN_PAGE_PATH.test(pathname)) return pathname;
  // Collapsed first: `//services/` would otherwise parse as a URL of the host "services".
  const collapsed = pathname.replace(/\/{2,}/g, '/');
  let path = URL.canParse(collapsed, 'http://page.invalid') ? new URL(collapsed, 'http://page.invalid').pathname : collapsed;
  if (path.endsWith('/index.html')) path = path.slice(0, -'index.html'.length);
  const last = path.slice(path.lastIndexOf('/') + 1);
  if (last !== '' && !last.includes('.')) path = `${path}/`;
  return path;
}
