/**
 * KaTeX lays formulas out with rules the kit turns into classes (`prepared.mathCss`). The
 * app's CSP allows no inline <style>, so the rules are added as a constructed stylesheet,
 * which the policy does not cover, and removed when the conversation goes.
 */
import { useEffect } from 'react';

export function useMathStyles(css: string): void {
  useEffect(() => {
    if (!css || typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((item) => item !== sheet);
    };
  }, [css]);
}
