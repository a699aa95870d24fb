import { describe, expect, it } from 'vitest';
import type { ConversationRecord, ConversationRepository } from '../../src/repositories/conversations.js';
import type { User } from '../../src/repositories/users.js';
import { ConversationService } from '../../src/services/conversations.js';

const at = '2026-06-01T12:00:00.000Z';
const owner: User = {
  id: 'owner',
  email: 'owner@example.com',
  name: null,
  emailVerified: true,
  createdAt: at,
  grantedAdmin: false,
};
const stranger: User = { ...owner, id: 'stranger', email: 'stranger@example.com' };
const stored: ConversationRecord = {
  id: 'c1',
  ownerId: 'owner',
  title: 'Trip',
  messages: [],
  currentLeafId: null,
  models: [],
  source: { format: 'chatshare', importedAt: at },
  messageCount: 0,
  branchCount: 0,
  createdAt: at,
  updatedAt: at,
};

function serviceWith() {
  const calls: string[] = [];
  const conversations = {
    findById: async (id: string) => (id === stored.id ? stored : undefined),
    rename: async (id: string, title: string) => void calls.push(`rename ${id} ${title}`),
    delete: async (id: string) => void calls.push(`delete ${id}`),
  } as unknown as ConversationRepository;
  const shares = {
    purgeConversation: async (id: string) => void calls.push(`purge ${id}`),
    follow: async (id: string) => (calls.push(`follow ${id}`), null),
  };
  return { service: new ConversationService({ conversations, shares, now: () => new Date(at) }), calls };
}

describe('ConversationService', () => {
  it("answers another user's conversation as not found, before reading what they sent", async () => {
    const { service, calls } = serviceWith();
    await expect(service.rename(stranger, 'c1', '   ')).rejects.toMatchObject({ status: 404 });
    await expect(service.delete(stranger, 'c1')).rejects.toMatchObject({ status: 404 });
    expect(calls).toEqual([]);
  });

  it('renames to one trimmed line and refuses a blank title', async () => {
    const { service, calls } = serviceWith();
    await service.rename(owner, 'c1', '  New\ntitle ');
    expect(calls).toEqual(['rename c1 New title', 'follow c1']);
    await expect(service.rename(owner, 'c1', ' \n ')).rejects.toMatchObject({ status: 400 });
  });

  it('takes the links down before the conversation goes', async () => {
    const { service, calls } = serviceWith();
    await service.delete(owner, 'c1');
    expect(calls).toEqual(['purge c1', 'delete c1']);
  });

  it('creates one conversation at a time', async () => {
    const { service } = serviceWith();
    const two = [
      { title: 'a', messages: [{ role: 'user', content: 'hi' }] },
      { title: 'b', messages: [{ role: 'user', content: 'hi' }] },
    ];
    await expect(service.create(owner, two, {})).rejects.toMatchObject({ status: 400 });
    await expect(service.create(owner, {}, {})).rejects.toMatchObject({ status: 400 });
  });
});
