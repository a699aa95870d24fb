/**
 * Clients whose requests are not views: crawlers, link unfurlers (Slack, Discord, X,
 * LinkedIn, WhatsApp…), headless browsers and command-line tools. Matched on User-Agent;
 * a request without one is a script, not a person.
 */
const BOTS =
  /bot\b|bot\/|bots?[-_ ]|crawl|spider|slurp|archiver|facebookexternalhit|meta-externalagent|embedly|iframely|preview|whatsapp|headless|lighthouse|curl\/|wget\/|python-|go-http-client|okhttp|java\//i;

export const isBot = (userAgent: string | undefined): boolean => !userAgent || BOTS.test(userAgent);
