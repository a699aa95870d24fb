import type { TestApp } from '../helpers/app.js';
import { call, type CallOptions } from '../helpers/api.js';
import { BROWSER } from './helpers.js';

/** The reveal step's form, submitted as a browser does (an empty form body, from the same site). */
export const revealPage = (t: TestApp, code: string, options: CallOptions = {}) =>
  call(t.app, 'POST', `/s/${code}/reveal`, {
    ...options,
    headers: {
      'user-agent': BROWSER,
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/x-www-form-urlencoded',
      ...options.headers,
    },
    body: '',
  });
