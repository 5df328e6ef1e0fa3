/** The number a page offers to call, with whom the caller will reach. */
export interface Contact {
  /** Who answers, e.g. "Riverbend Health – Pearl District" or the organization's name. */
  label: string;
  /** E.164 phone number. */
  phone: string;
}

interface Place {
  id: string;
  data: { name: string; phone: string };
}

/**
 * The most relevant number for a page: the page's own location, else the one location that
 * offers what the page is about, else the organization's main line.
 */
export function pickContact(options: { organization: { name: string; phone: string }; candidates: Place[] }): Contact {
  const [only, ...others] = options.candidates;
  if (only && others.length === 0) return { label: only.data.name, phone: only.data.phone };
  return { label: options.organization.name, phone: options.organization.phone };
}
