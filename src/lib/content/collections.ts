/** Where each collection lives inside CONTENT_DIR, and which files in it are entries. */
export const COLLECTION_FOLDERS = {
  organization: { dir: 'organization', pattern: '*.{yaml,yml,json}' },
  locations: { dir: 'locations', pattern: '*.{md,mdx}' },
  services: { dir: 'services', pattern: '*.{md,mdx}' },
  conditions: { dir: 'conditions', pattern: '*.{md,mdx}' },
  providers: { dir: 'providers', pattern: '*.{md,mdx}' },
  locationServices: { dir: 'location-services', pattern: '*.{md,mdx}' },
} as const;

export type CollectionName = keyof typeof COLLECTION_FOLDERS;
