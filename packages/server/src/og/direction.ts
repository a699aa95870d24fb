/**
 * The base direction of a paragraph, as browsers decide it for `dir="auto"` (rules P2 and P3
 * of the Unicode bidirectional algorithm): the first strong character wins. Satori lays out
 * right-to-left text correctly once an element has `direction: rtl`, but never guesses it,
 * so an Arabic title would otherwise be an LTR paragraph (left-aligned, with its closing
 * punctuation on the wrong side).
 */
const STRONG_RTL =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Yezidi}]/u;
// Letters only: Arabic-Indic digits and marks belong to the Arabic script but are not strong.
const LETTER = /\p{L}/u;

export type Direction = 'ltr' | 'rtl';

/**
 * @example textDirection('كيف حالك؟') // 'rtl'
 * @example textDirection('2 × مرحبا') // 'rtl' (digits are not strong)
 * @example textDirection('Hello مرحبا') // 'ltr'
 */
export function textDirection(text: string): Direction {
  for (const char of text) {
    if (!LETTER.test(char)) continue;
    return STRONG_RTL.test(char) ? 'rtl' : 'ltr';
  }
  return 'ltr';
}
