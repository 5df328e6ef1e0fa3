/**
 * Where each collection lives inside CONTENT_DIR, which files in it are entries, and whether
 * other entries refer to its ids (then a file name must be a valid id).
 */
export const COLLECTION_FOLDERS = {
  organization: { dir: 'organization', pattern: '*.{yaml,yml,json}', referenced: false },
  locations: { dir: 'locations', pattern: '*.{md,mdx}', referenced: true },
  services: { dir: 'services', pattern: '*.{md,mdx}', referenced: true },
  conditions: { dir: 'conditions', pattern: '*.{md,mdx}', referenced: true },
  providers: { dir: 'providers', pattern: '*.{md,mdx}', referenced: true },
  locationServices: { dir: 'location-services', pattern: '*.{md,mdx}', referenced: false },
  routing: { dir: 'routing', pattern: '*.{yaml,yml,json}', referenced: false },
} as const;

export type CollectionName = keyof typeof COLLECTION_FOLDERS;
