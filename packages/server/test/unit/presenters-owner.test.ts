import { describe, expect, it } from 'vitest';
import { presentApiToken, presentCreatedApiToken } from '../../src/presenters/api-token.js';
import { presentConversation, presentConversationSummary } from '../../src/presenters/conversation.js';
import type { ConversationRecord, ConversationSummary } from '../../src/repositories/conversations.js';

const at = '2026-06-01T12:00:00.000Z';

const record: ConversationRecord = {
  id: 'c1',
  ownerId: 'owner-1',
  title: 'Trip',
  messages: [{ id: 'm1', parentId: null, role: 'user', parts: [{ type: 'text', text: 'Hello' }], createdAt: at }],
  currentLeafId: 'm1',
  models: ['gpt-x'],
  source: { format: 'chatshare', importedAt: at },
  messageCount: 1,
  branchCount: 1,
  createdAt: at,
  updatedAt: at,
};

describe('the owner presenters', () => {
  it('give the owner their conversation without the owner id', () => {
    const presented = presentConversation(record);
    expect(presented).not.toHaveProperty('ownerId');
    const { ownerId: _ownerId, ...expected } = record;
    expect(presented).toEqual(expected);
  });

  it('keep the hidden context and the source id only when there are some', () => {
    const full = presentConversation({ ...record, context: 'Be brief.', source: { ...record.source, id: 'src-1' } });
    expect(full.context).toBe('Be brief.');
    expect(full.source).toEqual({ format: 'chatshare', importedAt: at, id: 'src-1' });
    expect(Object.keys(presentConversation(record))).not.toContain('context');
  });

  it('list only the fields of a summary', () => {
    const summary: ConversationSummary = {
      id: 'c1',
      title: 'Trip',
      messageCount: 1,
      branchCount: 1,
      sourceFormat: 'chatshare',
      createdAt: at,
      updatedAt: at,
    };
    expect(presentConversationSummary({ ...summary, ownerId: 'owner-1' } as ConversationSummary)).toEqual(summary);
  });

  it('show an API token without anything but its public fields, and its secret only on creation', () => {
    const token = { id: 't1', name: 'laptop', hint: 'abcd', createdAt: at, lastUsedAt: null };
    const withHash = { ...token, tokenHash: 'secret-hash' };
    expect(presentApiToken(withHash)).toEqual(token);
    expect(presentCreatedApiToken({ token: 'cs_secret', apiToken: withHash })).toEqual({
      token: 'cs_secret',
      apiToken: token,
    });
  });
});
