import { describe, expect, it } from 'vitest';
import type { z } from 'astro/zod';
import { ChannelRuleSchema, ChannelsSchema, classifyChannel, DEFAULT_CHANNEL_RULES, FALLBACK_RULES, formatChannel, resolveChannelRules, type ChannelRule } from '@/lib/funnel/channels.ts';
import { RoutingSchema } from '@/lib/leads/routing.ts';
import type { LeadType } from '@/lib/leads/kinds.ts';

const SITE = 'https://riverbend.example';

const classify = (attribution: Record<string, string>, options: { leadType?: LeadType; rules?: readonly ChannelRule[]; siteOrigins?: string[] } = {}) =>
  classifyChannel({ leadType: options.leadType ?? 'patient', attribution, siteOrigins: options.siteOrigins ?? [SITE] }, options.rules ?? DEFAULT_CHANNEL_RULES);

/** Each issue as `path: message`, the way a writer reads it. */
function getIssues(schema: z.ZodType, data: unknown): string[] {
  const result = schema.safeParse(data);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('classifyChannel with the default rules', () => {
  it.each<[string, Record<string, string>, LeadType, string, string]>([
    ['a Google Ads click', { gclid: 'EAIaIQobChMI', utm_source: 'newsletter', utm_medium: 'email' }, 'patient', 'paid-search', 'ad-click-id'],
    ['a Microsoft Ads click', { msclkid: '3f2a9c', referrer: 'https://www.bing.com' }, 'patient', 'paid-search', 'ad-click-id'],
    ['a tagged cpc link', { utm_source: 'google', utm_medium: 'cpc' }, 'patient', 'paid-search', 'paid-utm-medium'],
    ['utm_medium paid-search', { utm_medium: 'paid-search' }, 'caregiver', 'paid-search', 'paid-utm-medium'],
    [
      'the Business Profile website link',
      { utm_source: 'gbp', utm_medium: 'organic', utm_campaign: 'gateway', referrer: 'https://www.google.com' },
      'patient',
      'local-listing',
      'business-profile-utm-source',
    ],
    ['utm_source gmb', { utm_source: 'gmb' }, 'patient', 'local-listing', 'business-profile-utm-source'],
    ['utm_medium local', { utm_source: 'yelp', utm_medium: 'local' }, 'patient', 'local-listing', 'local-utm-medium'],
    ['an email link', { utm_source: 'november-news', utm_medium: 'email' }, 'patient', 'email', 'email-utm-medium'],
    ['a newsletter link', { utm_medium: 'newsletter' }, 'employer', 'email', 'email-utm-medium'],
    ['a tagged social post', { utm_source: 'facebook', utm_medium: 'social' }, 'patient', 'social', 'social-utm-medium'],
    ['a referral, with no tags', {}, 'referral', 'referral-partner', 'referral-lead'],
    ['a referral from a search engine: the lead type first', { referrer: 'https://www.google.com' }, 'referral', 'referral-partner', 'referral-lead'],
    ['a partner link', { utm_source: 'lakeside-pediatrics', utm_medium: 'partner' }, 'patient', 'referral-partner', 'partner-utm-medium'],
    ['utm_medium organic from a search engine', { utm_source: 'bing', utm_medium: 'organic' }, 'patient', 'organic-search', 'search-engine-utm-source'],
    ['utm_source instagram, no medium', { utm_source: 'instagram' }, 'patient', 'social', 'social-utm-source'],
    ['Gmail on the web', { referrer: 'https://mail.google.com' }, 'patient', 'email', 'webmail-referrer'],
    ['Google Maps', { referrer: 'https://maps.google.com' }, 'patient', 'local-listing', 'maps-referrer'],
    ['Google', { referrer: 'https://www.google.com' }, 'patient', 'organic-search', 'search-engine-referrer'],
    ['Google in the UK', { referrer: 'https://www.google.co.uk' }, 'patient', 'organic-search', 'search-engine-referrer'],
    ['Google in Australia', { referrer: 'https://www.google.com.au' }, 'patient', 'organic-search', 'search-engine-referrer'],
    ['DuckDuckGo', { referrer: 'https://duckduckgo.com' }, 'insurance', 'organic-search', 'search-engine-referrer'],
    ['Brave Search', { referrer: 'https://search.brave.com' }, 'patient', 'organic-search', 'search-engine-referrer'],
    ['Yandex in Turkey', { referrer: 'https://yandex.com.tr' }, 'patient', 'organic-search', 'search-engine-referrer'],
    ['Facebook on a phone', { referrer: 'https://m.facebook.com' }, 'patient', 'social', 'social-referrer'],
    ["Facebook's link shim", { referrer: 'https://l.facebook.com' }, 'patient', 'social', 'social-referrer'],
    ['a short link from X', { referrer: 'https://t.co' }, 'patient', 'social', 'social-referrer'],
    ['Pinterest in Canada', { referrer: 'https://www.pinterest.ca' }, 'patient', 'social', 'social-referrer'],
    ['a blog', { referrer: 'https://healthblog.example' }, 'patient', 'other-sites', 'other-site-referrer'],
    ['notgoogle.com: a label boundary', { referrer: 'https://notgoogle.com' }, 'patient', 'other-sites', 'other-site-referrer'],
    ['google.evil.example: not a domain ending', { referrer: 'https://google.evil.example' }, 'patient', 'other-sites', 'other-site-referrer'],
    ['google.com.evil.example', { referrer: 'https://google.com.evil.example' }, 'patient', 'other-sites', 'other-site-referrer'],
    ['x.com.example: a suffix match, not a prefix one', { referrer: 'https://x.com.example' }, 'patient', 'other-sites', 'other-site-referrer'],
    ['the site itself', { referrer: SITE, landingPage: '/services/dental/' }, 'patient', 'direct', 'no-source'],
    ['the site itself over http', { referrer: 'http://riverbend.example' }, 'patient', 'direct', 'no-source'],
    ['the site itself, tagged email', { referrer: SITE, utm_medium: 'email' }, 'patient', 'email', 'email-utm-medium'],
    ['a referrer that is not a web address', { referrer: 'null' }, 'patient', 'direct', 'no-source'],
    ["an app's referrer", { referrer: 'android-app://com.google.android.gm' }, 'patient', 'direct', 'no-source'],
    ['tags no rule knows', { utm_source: 'poster', utm_medium: 'print' }, 'patient', 'direct', 'unmatched-campaign'],
    ['tags no rule knows, from a blog: the referrer', { utm_source: 'poster', referrer: 'https://healthblog.example' }, 'patient', 'other-sites', 'other-site-referrer'],
    ['nothing at all', {}, 'patient', 'direct', 'no-source'],
    ['a landing page only', { landingPage: '/' }, 'caregiver', 'direct', 'no-source'],
  ])('%s', (_, attribution, leadType, channel, rule) => {
    expect(classify(attribution, { leadType })).toEqual({ channel, rule });
  });

  it('reads tags without regard to case or spacing', () => {
    expect(classify({ utm_source: ' GBP ', utm_medium: 'Organic' })).toEqual({ channel: 'local-listing', rule: 'business-profile-utm-source' });
    expect(classify({ utm_medium: 'CPC' })).toEqual({ channel: 'paid-search', rule: 'paid-utm-medium' });
    expect(classify({ referrer: 'https://WWW.Google.DE' })).toEqual({ channel: 'organic-search', rule: 'search-engine-referrer' });
  });

  it('takes a full referrer address as well as an origin', () => {
    expect(classify({ referrer: 'https://www.google.com/search?q=clinic' })).toEqual({ channel: 'organic-search', rule: 'search-engine-referrer' });
  });

  it('ignores an empty click id', () => {
    expect(classify({ gclid: ' ' })).toEqual(FALLBACK_RULES.noSource);
  });

  it('counts every origin the site is served from as the site', () => {
    expect(classify({ referrer: 'https://www.riverbend.example' }, { siteOrigins: [SITE, 'https://www.riverbend.example'] })).toEqual(FALLBACK_RULES.noSource);
    expect(classify({ referrer: 'https://www.riverbend.example' }, { siteOrigins: [SITE] })).toEqual(FALLBACK_RULES.otherSite);
  });

  it('proves every default rule by a case above', () => {
    // The table's rule names, kept here by hand: a default rule added without a case fails this.
    const proved = [
      'ad-click-id',
      'paid-utm-medium',
      'business-profile-utm-source',
      'local-utm-medium',
      'email-utm-medium',
      'social-utm-medium',
      'referral-lead',
      'partner-utm-medium',
      'search-engine-utm-source',
      'social-utm-source',
      'webmail-referrer',
      'maps-referrer',
      'search-engine-referrer',
      'social-referrer',
    ];
    expect(DEFAULT_CHANNEL_RULES.map((rule) => rule.name)).toEqual(proved);
  });
});

describe("classifyChannel with the organization's rules", () => {
  const parse = (channels: unknown) => resolveChannelRules(ChannelsSchema.parse(channels));

  it("tries the organization's rules before the defaults", () => {
    const rules = parse({ rules: [{ name: 'riverbend-news', channel: 'email', when: { utm_source: 'Riverbend-News' } }] });
    expect(classify({ utm_source: 'riverbend-news' }, { rules })).toEqual({ channel: 'email', rule: 'riverbend-news' });
    // Before the defaults: the organization's rule wins over the ad's click id.
    expect(classify({ utm_source: 'riverbend-news', gclid: 'x' }, { rules })).toEqual({ channel: 'email', rule: 'riverbend-news' });
    expect(classify({ gclid: 'x' }, { rules })).toEqual({ channel: 'paid-search', rule: 'ad-click-id' });
  });

  it("uses the organization's rules alone with defaults: off, then the fallbacks", () => {
    const rules = parse({ defaults: 'off', rules: [{ name: 'hospital-portal', channel: 'referral-partner', when: { referrer: 'portal.salem-health.example' } }] });
    expect(classify({ referrer: 'https://portal.salem-health.example' }, { rules })).toEqual({ channel: 'referral-partner', rule: 'hospital-portal' });
    expect(classify({ gclid: 'x' }, { rules })).toEqual(FALLBACK_RULES.noSource);
    expect(classify({ referrer: 'https://www.google.com' }, { rules })).toEqual(FALLBACK_RULES.otherSite);
  });

  it('needs every condition of a rule, and any value of each', () => {
    const rules = parse({
      defaults: 'off',
      rules: [{ name: 'spring-mailing', channel: 'email', when: { utm_medium: ['email', 'mail'], utm_campaign: 'spring', leadTypes: ['patient', 'caregiver'] } }],
    });
    expect(classify({ utm_medium: 'mail', utm_campaign: 'SPRING' }, { rules })).toEqual({ channel: 'email', rule: 'spring-mailing' });
    expect(classify({ utm_medium: 'mail', utm_campaign: 'spring' }, { rules, leadType: 'caregiver' })).toEqual({ channel: 'email', rule: 'spring-mailing' });
    expect(classify({ utm_medium: 'mail', utm_campaign: 'spring' }, { rules, leadType: 'employer' })).toEqual(FALLBACK_RULES.unmatchedCampaign);
    expect(classify({ utm_medium: 'mail' }, { rules })).toEqual(FALLBACK_RULES.unmatchedCampaign);
  });

  it.each([
    ['google.*', 'https://google.com', true],
    ['google.*', 'https://www.google.co.jp', true],
    ['google.*', 'https://news.google.de', true],
    ['google.*', 'https://google.xn--p1ai', true],
    ['google.*', 'https://notgoogle.com', false],
    ['google.*', 'https://google.evil.example', false],
    ['google.*', 'https://google', false],
    ['maps.google.*', 'https://maps.google.fr', true],
    ['maps.google.*', 'https://www.google.fr', false],
    ['salem-health.example', 'https://salem-health.example', true],
    ['salem-health.example', 'https://portal.salem-health.example', true],
    ['salem-health.example', 'https://notsalem-health.example', false],
    ['salem-health.example', 'https://salem-health.example.evil.example', false],
  ])('referrer %s against %s: %s', (pattern, referrer, matches) => {
    const rules = parse({ defaults: 'off', rules: [{ name: 'r', channel: 'social', when: { referrer: pattern } }] });
    expect(classify({ referrer }, { rules }).rule === 'r').toBe(matches);
  });
});

describe('the channels schema', () => {
  const rule = { name: 'riverbend-news', channel: 'email', when: { utm_source: ['riverbend-news'] } };

  it("defaults to no rules of the organization's, with the defaults after them", () => {
    expect(ChannelsSchema.parse({})).toEqual({ rules: [], defaults: 'after' });
    expect(RoutingSchema.parse({ defaultRoute: { queue: 'q', priority: 'normal', responseTargetMinutes: 60 } }).channels).toEqual({ rules: [], defaults: 'after' });
    expect(resolveChannelRules(ChannelsSchema.parse({}))).toEqual(DEFAULT_CHANNEL_RULES);
  });

  it('reads one value as a list of one, lowercased', () => {
    expect(ChannelRuleSchema.parse({ name: 'r', channel: 'social', when: { utm_source: 'Facebook', referrer: 'WWW.Facebook.com', clickId: 'gclid', leadTypes: 'patient' } }).when).toEqual({
      utm_source: ['facebook'],
      referrer: ['www.facebook.com'],
      clickId: ['gclid'],
      leadTypes: ['patient'],
    });
  });

  it.each<[string, unknown, string[]]>([
    [
      'an unknown channel',
      { rules: [{ ...rule, channel: 'newsletter' }] },
      ['rules.0.channel: The channel is one of: organic-search, paid-search, local-listing, email, social, referral-partner, other-sites, direct.'],
    ],
    [
      'a misspelled condition',
      { rules: [{ ...rule, when: { utm_souce: ['x'] } }] },
      ['rules.0.when.utm_souce: Unknown condition. Did you mean "utm_source"? Conditions allowed here: utm_source, utm_medium, utm_campaign, referrer, clickId, leadTypes.'],
    ],
    ['no condition', { rules: [{ ...rule, when: {} }] }, ['rules.0.when: Give the rule at least one condition: utm_source, utm_medium, utm_campaign, referrer, clickId or leadTypes.']],
    ['an empty list', { rules: [{ ...rule, when: { utm_medium: [] } }] }, ['rules.0.when.utm_medium: List at least one utm_medium value.']],
    ['an empty value', { rules: [{ ...rule, when: { utm_medium: [' '] } }] }, ['rules.0.when.utm_medium.0: Write the utm_medium values to match; a value may not be empty.']],
    [
      'a referrer with its scheme',
      { rules: [{ ...rule, when: { referrer: ['https://portal.salem-health.example/login'] } }] },
      ['rules.0.when.referrer.0: Write the host only, without the scheme or a path: "portal.salem-health.example".'],
    ],
    [
      'a referrer with a wildcard in front',
      { rules: [{ ...rule, when: { referrer: ['*.facebook.com'] } }] },
      [
        'rules.0.when.referrer.0: Write a host name such as facebook.com (it matches its subdomains too, like m.facebook.com), or google.* for google with any country ending (google.de, google.co.uk); no https://, no path.',
      ],
    ],
    ['an unknown click id', { rules: [{ ...rule, when: { clickId: ['fbclid'] } }] }, ['rules.0.when.clickId.0: Click ids are: gclid, msclkid.']],
    ['an unknown lead type', { rules: [{ ...rule, when: { leadTypes: ['vendor'] } }] }, ['rules.0.when.leadTypes.0: Lead types are: patient, caregiver, referral, employer, insurance.']],
    [
      'a name that is not an id',
      { rules: [{ ...rule, name: 'Riverbend News' }] },
      ['rules.0.name: Name the rule with an id: lowercase letters and digits, words joined by hyphens, at most 100 characters, like "low-back-pain".'],
    ],
    ['two rules of one name', { rules: [rule, rule] }, ['rules.1.name: Another rule is named "riverbend-news" already; give each rule its own name.']],
    ["a default rule's name", { rules: [{ ...rule, name: 'ad-click-id' }] }, ['rules.0.name: "ad-click-id" is the name of a default rule; name yours differently, or write defaults: off.']],
    ["a built-in rule's name", { defaults: 'off', rules: [{ ...rule, name: 'no-source' }] }, ['rules.0.name: "no-source" is the name of a built-in rule; name yours differently.']],
    ['an unknown mode', { defaults: 'replace' }, ['defaults: Write defaults: after (your rules first, then the default rules) or defaults: off (your rules only).']],
  ])('explains %s', (_, channels, issues) => {
    expect(getIssues(ChannelsSchema, channels)).toEqual(issues);
  });

  it("lets a default rule's name be used once the defaults are off", () => {
    expect(getIssues(ChannelsSchema, { defaults: 'off', rules: [{ ...rule, name: 'ad-click-id' }] })).toEqual([]);
  });

  it("names the routing file's field", () => {
    const routing = { defaultRoute: { queue: 'q', priority: 'normal', responseTargetMinutes: 60 }, channels: { rules: [{ ...rule, channel: 'newsletter' }] } };
    expect(getIssues(RoutingSchema, routing)).toEqual([
      'channels.rules.0.channel: The channel is one of: organic-search, paid-search, local-listing, email, social, referral-partner, other-sites, direct.',
    ]);
    expect(getIssues(RoutingSchema, { ...routing, channels: { rule: [] } })).toEqual(['channels.rule: Unknown field. Did you mean "rules"? Fields allowed here: rules, defaults.']);
    expect(getIssues(RoutingSchema, { ...routing, channels: { rules: [{ ...rule, chanel: 'email' }] } })).toEqual([
      'channels.rules.0.chanel: Unknown field. Did you mean "channel"? Fields allowed here: name, channel, when.',
    ]);
  });
});

describe('formatChannel', () => {
  it('names the channel and the rule', () => {
    expect(formatChannel({ channel: 'organic-search', rule: 'search-engine-referrer' })).toBe('Organic search (rule search-engine-referrer)');
    expect(formatChannel(null)).toBe('not classified');
  });
});
