import { describe, expect, it } from 'vitest';
import { fillForm, readFormEntries } from '../../support/html-form.ts';

const page = `<form id="other"><input name="nope" value="x"></form>
<form data-f>
  <input type="radio" name="kind" value="a"><input type="radio" name="kind" value="b" checked>
  <select name="where"><option value="">Choose</option><option value="north" selected>North</option></select>
  <select name="when"><option value="">Choose</option><option value="soon">Soon</option></select>
  <input name="name" type="text"><input name="phone" type="tel" value="">
  <textarea name="message">hello</textarea>
  <input type="checkbox" name="consent" value="yes"><input type="checkbox" name="news" checked>
  <input type="hidden" name="token" value="">
  <input name="off" value="1" disabled><input type="submit" name="go" value="Send"><input value="no name">
</form>`;

describe('readFormEntries, what a browser without JavaScript sends', () => {
  it('sends named controls in order: the checked radio, selected or first options, text, ticked boxes', () => {
    expect(readFormEntries(page, 'form[data-f]')).toEqual([
      ['kind', 'b'],
      ['where', 'north'],
      ['when', ''],
      ['name', ''],
      ['phone', ''],
      ['message', 'hello'],
      ['news', 'on'],
      ['token', ''],
    ]);
  });

  it('says when no form matches', () => {
    expect(() => readFormEntries(page, 'form.none')).toThrow('No form matches form.none.');
  });
});

describe('fillForm', () => {
  it('replaces typed fields in place and adds the ticked box', () => {
    const body = fillForm(readFormEntries(page, 'form[data-f]'), { name: 'Ana', when: 'soon', consent: 'yes' });
    expect(body.toString()).toBe('kind=b&where=north&when=soon&name=Ana&phone=&message=hello&news=on&token=&consent=yes');
  });
});
