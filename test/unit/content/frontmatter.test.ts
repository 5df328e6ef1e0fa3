import { describe, expect, it } from 'vitest';
import { splitPage } from '@/lib/content/frontmatter.ts';

describe('splitPage', () => {
  it('gives the fields, the page text and the line each starts on', () => {
    expect(splitPage('---\nname: A\nphone: "+1"\n---\nText\n')).toEqual({ fields: '\nname: A\nphone: "+1"\n', fieldsLine: 1, body: '\nText\n', bodyLine: 4, hasFields: true });
  });

  it('counts blank lines before the opening ---, as Astro allows them', () => {
    expect(splitPage('\n\n---\nname: A\n---\nText')).toMatchObject({ fieldsLine: 3, bodyLine: 5, body: '\nText' });
  });

  it('reads a file without fields as page text only', () => {
    expect(splitPage('Just text\n')).toEqual({ fields: '', fieldsLine: 1, body: 'Just text\n', bodyLine: 1, hasFields: false });
  });
});
