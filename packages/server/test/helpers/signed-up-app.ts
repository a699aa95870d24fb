/**
 * The set-up most API test files share: a test app with signed-up users, built before the
 * file's tests and closed after them. The first user is the instance's admin.
 */
import { afterAll, beforeAll } from 'vitest';
import { buildTestApp, type TestApp } from './app.js';
import { signUp, type TestUser } from './api.js';

export interface SignedUpApp {
  t: TestApp;
  users: TestUser[];
}

/** Registers the file's set-up and tear-down; the fields are filled in once `beforeAll` ran. */
export function signedUpApp(userCount = 1): SignedUpApp {
  const state = { users: [] } as unknown as SignedUpApp;
  beforeAll(async () => {
    state.t = await buildTestApp();
    for (let i = 0; i < userCount; i++) state.users.push(await signUp(state.t.app));
  });
  afterAll(() => state.t.close());
  return state;
}
