/**
 * Access rules live in core's policy module only (docs/design.md §Access rules). No source file outside
 * `packages/core/src/policy.ts` decides anything from a share's `revokedAt`, `expiresAt`,
 * `maxViews`, `takenDownAt` or `privacy`: such a field used in a condition (if, ternary,
 * `&&` / `||` / `!`, a comparison, a `filter`-like callback) fails this test. Files that only
 * copy the fields are listed below, each with why.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../../..');
const FIELDS = new Set(['revokedAt', 'expiresAt', 'maxViews', 'takenDownAt', 'privacy']);

/** Files allowed to test these fields, and why. Keep it short. */
const ALLOWED: Record<string, string> = {
  'packages/core/src/policy.ts': 'the one home of every access rule',
  'packages/server/src/presenters/report.ts': 'copies the takedown into the admin list, decides nothing',
  'packages/react/src/share/form.ts': "the share dialog's draft of the settings, not a share's live state",
  'packages/react/src/share/ShareSettingsFields.tsx': 'shows the fields of the draft settings (form.ts)',
  'packages/react/src/share/ShareLinkPanel.tsx': "shows the owner the link's date next to its status",
  'packages/web/src/pages/LinksPage.tsx': 'badges for the settings the owner chose, next to their status',
  'packages/web/src/pages/AdminPage.tsx': 'badges and buttons for the state the server reports',
  'packages/cli/src/commands/list.ts': 'prints the settings as columns, next to their status',
  'packages/cli/src/commands/share.ts': 'checks command-line options before they are sent',
};

const CONDITION_OPERATORS = new Set([
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
  ts.SyntaxKind.LessThanToken,
  ts.SyntaxKind.LessThanEqualsToken,
  ts.SyntaxKind.GreaterThanToken,
  ts.SyntaxKind.GreaterThanEqualsToken,
]);
const PREDICATE_CALLS = new Set(['filter', 'some', 'every', 'find', 'findIndex']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

/** Whether `node` is part of a condition, looking up to its statement. */
function inCondition(node: ts.Node): boolean {
  let child = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent)) && parent.expression === child) return true;
    if (ts.isConditionalExpression(parent) && parent.condition === child) return true;
    if (ts.isBinaryExpression(parent) && CONDITION_OPERATORS.has(parent.operatorToken.kind)) {
      // `field !== undefined` asks whether a setting was given at all, not what it allows.
      return ![parent.left, parent.right].some((side) => ts.isIdentifier(side) && side.text === 'undefined');
    }
    if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return true;
    if (ts.isFunctionLike(parent)) {
      const call = parent.parent;
      return (
        ts.isCallExpression(call) &&
        ts.isPropertyAccessExpression(call.expression) &&
        PREDICATE_CALLS.has(call.expression.name.text)
      );
    }
    // Handed to a function (a policy one, say) or copied into an object: not decided here.
    if (ts.isCallExpression(parent) && parent.arguments.some((argument) => argument === child)) return false;
    if (ts.isStatement(parent) || ts.isPropertyAssignment(parent) || ts.isJsxAttribute(parent)) return false;
  }
  return false;
}

/** `file:line field` for every field used in a condition. */
function decisions(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && FIELDS.has(node.text) && inCondition(node)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push(`${relative(ROOT, path)}:${line + 1} ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('access rules in one place', () => {
  const files = readdirSync(join(ROOT, 'packages')).flatMap((name) => {
    try {
      return sourceFiles(join(ROOT, 'packages', name, 'src'));
    } catch {
      return [];
    }
  });

  it('finds the rules it looks for', () => {
    expect(decisions(join(ROOT, 'packages/core/src/policy.ts')).length).toBeGreaterThan(5);
  });

  it('has no access decision outside core policy', () => {
    const outside = files.filter((path) => !(relative(ROOT, path) in ALLOWED)).flatMap(decisions);
    expect(outside).toEqual([]);
  });

  it('allows only files that exist', () => {
    const present = new Set(files.map((path) => relative(ROOT, path)));
    expect(Object.keys(ALLOWED).filter((path) => !present.has(path))).toEqual([]);
  });
});
