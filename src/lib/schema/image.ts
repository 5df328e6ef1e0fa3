import type { ImageObject } from 'schema-dts';
import type { NodeOf } from './types.ts';

export type ImageNode = NodeOf<ImageObject, 'ImageObject'>;

/** An image by its absolute URL, as the site serves it. */
export function buildImage(url: string): ImageNode {
  return { '@type': 'ImageObject', url, contentUrl: url };
}
