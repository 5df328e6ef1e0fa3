import { defineCollection } from 'astro:content';
import { readSettings } from '@/settings.ts';
import { makeConditionSchema, makeLocalServiceSchema, makeLocationSchema, makeOrganizationSchema, makeProviderSchema, makeRoutingSchema, makeServiceSchema } from '@/lib/content/schemas.ts';
import { COLLECTION_FOLDERS, type CollectionName } from '@/lib/content/collections.ts';
import { contentGlob } from '@/lib/content/loader.ts';

const { contentDir } = readSettings(process.env);

/** One folder of CONTENT_DIR; `imageFields` are the fields whose `src` is an image next to the file. */
const folder = (name: CollectionName, imageFields: string[] = []) => {
  const { dir, pattern, referenced } = COLLECTION_FOLDERS[name];
  return contentGlob({ base: `${contentDir}/${dir}`, pattern, imageFields, referenced });
};

export const collections = {
  organization: defineCollection({ loader: folder('organization', ['logo', 'shareImage']), schema: ({ image }) => makeOrganizationSchema(image) }),
  locations: defineCollection({ loader: folder('locations', ['photo']), schema: ({ image }) => makeLocationSchema(image) }),
  services: defineCollection({ loader: folder('services'), schema: makeServiceSchema() }),
  conditions: defineCollection({ loader: folder('conditions'), schema: makeConditionSchema() }),
  providers: defineCollection({ loader: folder('providers', ['headshot']), schema: ({ image }) => makeProviderSchema(image) }),
  locationServices: defineCollection({ loader: folder('locationServices'), schema: makeLocalServiceSchema() }),
  routing: defineCollection({ loader: folder('routing'), schema: makeRoutingSchema() }),
};
