/**
 * The words of the generated conversations, most common first: English function words, then
 * the topics people ask assistants about (with a few fixed phrases that can be searched as
 * "quoted phrases"), then a long tail of made-up words. Drawn by Zipf rank, the head is in
 * almost every share and the tail in a few dozen, as real rare words are.
 */

const FUNCTION_WORDS = `the of and to a in is it you that for this on with as are be can your if or not
have by from at an will use we but what which so how there all do when more one they need also
about into like then just these would should some here other its make any than only each way may
well first because most both while does very`.split(/\s+/);

/** Topic words and fixed phrases (entries with a space are emitted together, as collocations). */
const TOPICS = `code function data file error python example value server user question answer list
model project test query table string number request time system version type key function_call
javascript react database output input class method array object script command line package library
api config build docker container image deploy cluster network memory cache performance loop variable
result response page component state event handler route module import export async promise callback
session token password login account email message chat prompt context training dataset feature
matrix vector tensor gradient loss accuracy layer neural regression classification pandas numpy
column row index schema migration sqlite postgres redis kubernetes pod service ingress nginx proxy
certificate domain browser html css layout style font color design pattern refactor bug fix patch
commit branch merge rebase git repository review release pipeline workflow job schedule cron shell
bash terminal linux ubuntu windows macos install dependency upgrade compile compiler runtime thread
process signal socket stream buffer encoding unicode json yaml xml csv parse format validate schema
recipe bread flour oven dough yeast starter garden tomato soil water plant travel flight hotel
budget itinerary museum train ticket visa language grammar sentence essay letter story poem chapter
character plot novel writing resume interview salary career manager meeting team deadline invoice
tax contract lease landlord insurance health sleep exercise running marathon diet protein vitamin
doctor symptom muscle injury stretch yoga meditation habit morning coffee tea budget saving loan
mortgage invest stock bond retirement rust golang java kotlin swift typescript rails django flask
fastify express webpack vite eslint prettier vitest jest playwright selenium scraping crawler regex
unittest fixture mock benchmark latency throughput profiling optimization index vacuum transaction
lock deadlock timeout retry backoff queue worker kafka rabbitmq webhook oauth jwt cookie cors csrf
encryption hash signature keypair ssh firewall vpn dns tcp udp http https websocket grpc protobuf`
  .split(/\s+/)
  .map((word) => word.replace(/_/g, ' '));

const PHRASES = `machine learning|error handling|unit test|pull request|command line|data frame|virtual
environment|environment variable|stack trace|type error|memory leak|race condition|connection pool|
foreign key|primary key|load balancer|rate limit|cover letter|job interview|sourdough starter|
weight loss|credit card|time zone|dark mode|code review|design system|neural network|learning rate|
batch size|training loop|null pointer|dependency injection|event loop|garbage collection|service worker|
full text search|regular expression|base image|health check|feature flag`
  .split('|')
  .map((phrase) => phrase.replace(/\s+/g, ' ').trim());

const ONSETS = [
  'b',
  'br',
  'c',
  'd',
  'dr',
  'f',
  'g',
  'gr',
  'k',
  'l',
  'm',
  'n',
  'p',
  'pl',
  'qu',
  'r',
  't',
  'tr',
  'v',
  'z',
];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou'];
const CODAS = ['n', 'r', 'l', 'm', 'x', 'k', 't', 'nd'];

/**
 * Made-up words of three syllables ("bralotix"): no English word, so each is exactly as rare as
 * its rank. Ranks are spread over all combinations so neighbouring ranks share no prefix.
 */
function madeUpWord(rank: number): string {
  const radices = [ONSETS, VOWELS, ONSETS, VOWELS, ONSETS, VOWELS, CODAS];
  const combinations = radices.reduce((total, list) => total * list.length, 1);
  let code = (rank * 7_919 + 104_729) % combinations;
  let word = '';
  for (const list of radices) {
    word += list[code % list.length];
    code = Math.floor(code / list.length);
  }
  return word;
}

/** Every word by rank: index 0 is the most common. Phrases sit among the topic words. */
export function buildVocabulary(size: number): string[] {
  const topics = [...new Set(TOPICS)];
  const words = [...FUNCTION_WORDS];
  topics.forEach((word, index) => {
    words.push(word);
    // One phrase after every seventh topic word keeps phrases common but not top-ranked.
    const phrase = index % 7 === 6 ? PHRASES[(index - 6) / 7] : undefined;
    if (phrase) words.push(phrase);
  });
  const seen = new Set(words);
  for (let rank = 0; words.length < size; rank++) {
    const word = madeUpWord(rank);
    if (!seen.has(word)) words.push(word);
    seen.add(word);
  }
  return words;
}

export const FUNCTION_WORD_COUNT = FUNCTION_WORDS.length;
export { PHRASES };
