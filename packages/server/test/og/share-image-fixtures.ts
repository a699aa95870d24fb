/** Conversations for the image tests: plain texts in several scripts, and long ones. */

export interface FixtureMessage {
  role: 'user' | 'assistant';
  text: string;
  model?: string;
}

/** A conversation in our own format from a list of messages, one branch. */
export function conversationOf(messages: FixtureMessage[], title = 'An image of a conversation') {
  return {
    title,
    models: ['gpt-4o'],
    messages: messages.map((message, index) => ({
      id: `m-${index}`,
      parentId: index === 0 ? null : `m-${index - 1}`,
      role: message.role,
      parts: [{ type: 'text', text: message.text }],
      ...(message.model ? { model: message.model } : {}),
    })),
    currentLeafId: `m-${messages.length - 1}`,
  };
}

/** `count` messages taking turns, each a few sentences long. */
export function longConversation(count: number): FixtureMessage[] {
  return Array.from({ length: count }, (_, index) => ({
    role: index % 2 === 0 ? 'user' : 'assistant',
    text:
      index % 2 === 0
        ? `Question ${index + 1}: how does step ${index + 1} of the recipe work, and what comes after it?`
        : `Answer ${index + 1}. First you prepare the ingredients and measure them carefully. ` +
          'Then you mix them in the order given, stirring slowly so nothing sticks to the bottom. ' +
          `Finally you let it rest for ${index} minutes before the next step.`,
  }));
}

export const LATIN: FixtureMessage[] = [
  {
    role: 'user',
    text: 'Explain **recursion** with an example, and show me https://en.wikipedia.org/wiki/Recursion_(computer_science)#Recursive_functions_and_algorithms_with_a_really_long_anchor_name',
  },
  {
    role: 'assistant',
    text: [
      'Recursion is when a function calls *itself* on a smaller problem. Pneumonoultramicroscopicsilicovolcanoconiosisandevenlongerwordsthatneverstopgoingonandon keep going.',
      '',
      '1. A base case that stops.',
      '2. A step that gets closer to it, with `n - 1`.',
      '',
      '> A quote: to understand recursion, you must first understand recursion.',
      '',
      'The sum is $\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}$, and the display formula:',
      '',
      '$$x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}$$',
      '',
      '| Call | Result |',
      '| --- | --- |',
      '| `fact(3)` | 6 |',
    ].join('\n'),
  },
];

export const JAPANESE: FixtureMessage[] = [
  { role: 'user', text: '東京で三日間の旅行プランを作ってください。予算はあまり多くありません。' },
  {
    role: 'assistant',
    text: '一日目は浅草と上野を回り、浅草寺と上野公園を見学しましょう。二日目は渋谷と原宿で買い物を楽しみ、明治神宮も訪れてください。三日目は築地場外市場で朝ごはんを食べてから、お台場でゆっくり過ごすのはどうですか。交通費を抑えるには東京メトロの一日乗車券が便利です。'.repeat(
      3,
    ),
  },
];

export const ARABIC: FixtureMessage[] = [
  { role: 'user', text: 'كيف أتعلم البرمجة بلغة بايثون بسرعة؟' },
  {
    role: 'assistant',
    text: 'ابدأ بالأساسيات مثل المتغيرات والحلقات والدوال، ثم اكتب مشاريع صغيرة كل يوم. اقرأ شيفرة الآخرين وحاول أن تفهم كيف تعمل، ولا تخف من الأخطاء فهي جزء من التعلم. بعد شهر ستلاحظ فرقاً كبيراً في مهاراتك.',
  },
];

/** A code block of `lines` numbered lines: taller than one image. */
export function longCode(lines: number): FixtureMessage[] {
  const body = Array.from(
    { length: lines },
    (_, index) => `    total = total + value_${String(index + 1).padStart(3, '0')}  # line ${index + 1}`,
  ).join('\n');
  return [
    { role: 'user', text: 'Write the long sum out by hand.' },
    {
      role: 'assistant',
      text: `Here it is:\n\n\`\`\`python\ndef total_of(values):\n    total = 0\n${body}\n    return total\n\`\`\``,
    },
  ];
}
