import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { readSettings } from '@/settings.ts';
import {
  makeConditionSchema,
  makeLocalServiceSchema,
  makeLocationSchema,
  makeOrganizationSchema,
  makeProviderSchema,
  makeServiceSchema,
} from '@/lib/content/schemas.ts';
import { COLLECTION_FOLDERS } from '@/lib/content/collections.ts';

const { contentDir } = readSettings(process.env);

/** One folder of CONTENT_DIR, read with the collection's file pattern. */
const folder = (name: keyof typeof COLLECTION_FOLDERS) => {
  const { dir, pattern } = COLLECTION_FOLDERS[name];
  return glob({ pattern, base: `${contentDir}/${dir}` });
};

export const collections = {
  organization: defineCollection({ loader: folder('organization'), schema: ({ image }) => makeOrganizationSchema(image) }),
  locations: defineCollection({ loader: folder('locations'), schema: ({ image }) => makeLocationSchema(image) }),
  services: defineCollection({ loader: folder('services'), schema: makeServiceSchema() }),
  conditions: defineCollection({ loader: folder('conditions'), schema: makeConditionSchema() }),
  providers: defineCollection({ loader: folder('providers'), schema: ({ image }) => makeProviderSchema(image) }),
  locationServices: defineCollection({ loader: folder('locationServices'), schema: makeLocalServiceSchema() }),
};
