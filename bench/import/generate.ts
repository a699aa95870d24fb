/**
 * Writes a synthetic ChatGPT export (`conversations.json`) of about `targetBytes`, streamed to
 * disk so generating it takes little memory. Each conversation has a linear thread, one
 * regenerated branch, a hidden system node and code, like real exports.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const words = 'the a model answer question code data share link page fast safe read write tree branch node'.split(' ');

function sentence(seed: number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += `${words[(seed * 31 + i * 7) % words.length]} `;
  return text.trim();
}

function conversation(n: number, messages: number): object {
  const mapping: Record<string, object> = {};
  const root = `root-${n}`;
  mapping[root] = { id: root, message: null, parent: null, children: [`sys-${n}`] };
  mapping[`sys-${n}`] = {
    id: `sys-${n}`,
    message: {
      id: `sys-${n}`,
      author: { role: 'system' },
      content: { content_type: 'text', parts: [''] },
      metadata: { is_visually_hidden_from_conversation: true },
      recipient: 'all',
    },
    parent: root,
    children: [`m-${n}-0`],
  };
  let parent = `sys-${n}`;
  for (let i = 0; i < messages; i++) {
    const id = `m-${n}-${i}`;
    const role = i % 2 === 0 ? 'user' : 'assistant';
    const text =
      role === 'user' ? sentence(n + i, 20) : `${sentence(n * i, 120)}\n\n\`\`\`ts\nconst x${i} = ${i};\n\`\`\``;
    mapping[id] = {
      id,
      message: {
        id,
        author: { role, name: null, metadata: {} },
        create_time: 1_700_000_000 + n * 100 + i,
        content: { content_type: 'text', parts: [text] },
        status: 'finished_successfully',
        end_turn: role === 'assistant',
        weight: 1,
        metadata: role === 'assistant' ? { model_slug: 'gpt-4o', finish_details: { type: 'stop' } } : {},
        recipient: 'all',
      },
      parent,
      children: [] as string[],
    };
    (mapping[parent] as { children: string[] }).children.push(id);
    parent = id;
  }
  // One regenerated answer on a side branch.
  const branch = `m-${n}-alt`;
  mapping[branch] = {
    id: branch,
    message: {
      id: branch,
      author: { role: 'assistant' },
      content: { content_type: 'text', parts: ['an earlier answer'] },
      recipient: 'all',
      metadata: {},
    },
    parent: `m-${n}-0`,
    children: [],
  };
  (mapping[`m-${n}-0`] as { children: string[] }).children.push(branch);
  return {
    title: `Conversation ${n}: ${sentence(n, 5)}`,
    create_time: 1_700_000_000 + n * 100,
    update_time: 1_700_000_000 + n * 100 + messages,
    mapping,
    current_node: parent,
    conversation_id: `conv-${n}`,
    id: `conv-${n}`,
  };
}

/** Generates the file; returns the number of conversations and bytes written. */
export async function generateChatGptExport(file: string, targetBytes: number, messagesPer = 40) {
  const out = createWriteStream(file);
  let bytes = 0;
  let count = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('[');
  while (bytes < targetBytes) {
    await write(`${count ? ',' : ''}${JSON.stringify(conversation(count, messagesPer))}`);
    count++;
  }
  await write(']');
  out.end();
  await once(out, 'finish');
  return { conversations: count, bytes };
}
