/** Random bearer secrets (session cookies, API tokens) and the hashes they are stored as. */
import { createHash, randomBytes } from 'node:crypto';

export const newSecretToken = (prefix = ''): string => `${prefix}${randomBytes(32).toString('base64url')}`;

export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

export const API_TOKEN_PREFIX = 'cs_';
