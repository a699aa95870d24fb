/** A deterministic, realistic conversation for the viewer benchmarks: questions and answers with code. */

const LANGUAGES = [
  [
    'python',
    'def total(items):\n    """Sum the prices of items in stock."""\n    return sum(item.price for item in items if item.stock > 0)\n',
  ],
  [
    'typescript',
    'export async function load(id: string): Promise<User> {\n  const row = await db.selectFrom("users").where("id", "=", id).executeTakeFirst();\n  if (!row) throw new Error(`no user ${id}`);\n  return toUser(row);\n}\n',
  ],
  ['bash', 'set -euo pipefail\nfor file in logs/*.log; do\n  grep -c ERROR "$file" | sed "s|^|$file: |"\ndone\n'],
  [
    'json',
    '{\n  "name": "chatshare",\n  "private": true,\n  "workspaces": ["packages/*"],\n  "engines": { "node": ">=20.19" }\n}\n',
  ],
  [
    'sql',
    'SELECT owner_id, count(*) AS shares\nFROM shares\nWHERE revoked_at IS NULL\nGROUP BY owner_id\nORDER BY shares DESC\nLIMIT 10;\n',
  ],
] as const;

function answer(index: number): string {
  const [language, code] = LANGUAGES[index % LANGUAGES.length]!;
  const table =
    index % 4 === 1
      ? '\n| option | effect |\n|--------|--------|\n| `--fast` | skips checks |\n| `--safe` | checks everything |\n'
      : '';
  return (
    `## Step ${index + 1}\n\nHere is how to do it. The key idea is to keep **one pass** over the data, ` +
    `so the cost stays *linear* in the input, and to use \`${language}\` idioms rather than fight them.\n\n` +
    `1. Read the input.\n2. Filter what matters.\n3. Aggregate and report.\n${table}\n` +
    `\`\`\`${language}\n${code}\`\`\`\n\nSee [the documentation](https://example.com/docs/${index}) for the details.`
  );
}

/** A conversation in chatshare's input format, `count` messages long, alternating user and assistant. */
export function benchConversation(count: number, seed = 0) {
  const messages = Array.from({ length: count }, (_, index) => ({
    id: `m${index}`,
    parentId: index === 0 ? null : `m${index - 1}`,
    role: index % 2 === 0 ? 'user' : 'assistant',
    parts: [
      {
        type: 'text',
        text:
          index % 2 === 0
            ? `Question ${index / 2 + 1} (${seed}): how do I handle the next part of the data pipeline?`
            : answer(index + seed),
      },
    ],
  }));
  return { title: `Benchmark conversation (${count} messages)`, messages, currentLeafId: `m${count - 1}` };
}
