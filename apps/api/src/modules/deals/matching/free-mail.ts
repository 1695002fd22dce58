// The free-mail list is shared with the web app (a lead's e-mail domain is not its customer's domain when it
// is one of these), so it lives in the contracts package.
export { FREE_MAIL_DOMAINS } from '@trellis/contracts';

/**
 * Platforms that host other organisations' pages under their own domain. "facebook.com/quancaphemoc" is a
 * café's page, not Meta, so a path or a subdomain on these never counts as a company domain; the bare
 * site ("https://www.facebook.com") still identifies the platform's owner.
 */
export const PLATFORM_DOMAINS: ReadonlySet<string> = new Set([
  'facebook.com',
  'fb.com',
  'instagram.com',
  'linkedin.com',
  'twitter.com',
  'x.com',
  'youtube.com',
  'tiktok.com',
  'zalo.me',
  'google.com',
  'goo.gl',
  'bit.ly',
  'linktr.ee',
  'medium.com',
  'wordpress.com',
  'wixsite.com',
  'weebly.com',
  'shopee.vn',
  'lazada.vn',
  'tiki.vn',
  'amazon.com',
  'etsy.com',
  'line.me',
  'weibo.com',
  'wechat.com',
]);
