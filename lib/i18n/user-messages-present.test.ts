/**
 * Every AppError the domain throws carries a UserMessage (its 4th argument), so a browser user
 * meets it in their language (issue 15) — unless it is listed below as one only the API, a
 * script or a non-browser client can meet, with the reason. Parsed with the TypeScript compiler,
 * so a multi-line `new AppError(…)` counts like a one-liner; a listed exception that no longer
 * matches anything fails too, so the list cannot go stale.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Files, folders (ending in `/`) or one error in a file (a piece of its message's source text) no browser user can meet. */
const API_ONLY: { file: string; message?: string; reason: string }[] = [
  { file: 'lib/edge/api-route.ts', reason: 'the Wallet API edge: bearer tokens, JSON bodies, scopes, request URLs' },
  { file: 'lib/api/access-token.ts', reason: 'Wallet API access tokens' },
  { file: 'lib/api-clients/authenticate-api-client.ts', reason: 'the token endpoint (client credentials)' },
  { file: 'lib/cards/settle-transaction.ts', reason: 'capture and void of reservations: Wallet API only' },
  { file: 'lib/cards/create-card-token.ts', reason: 'temporary card codes: Wallet API only' },
  { file: 'lib/cards/create-card.ts', reason: 'single-card creation: Wallet API only (HQ orders print runs)' },
  { file: 'lib/cards/delete-card.ts', reason: 'card deletion: Wallet API only' },
  { file: 'lib/cards/get-card.ts', reason: 'Wallet API reads and listings; HQ pages show a missing card as a 404 page' },
  { file: 'lib/users/create-first-admin.ts', reason: 'the admin:create script (a terminal, in English)' },
  { file: 'app/api/', reason: 'the Wallet API routes (a folder: every file in it)' },
  // HQ route handlers' own checks (the domain's refusals they pass on are translated, lib/edge/session-route.ts):
  // only a hand-made or tampered request fails them, so they stay English.
  { file: 'app/hq/print-runs/[batchId]/release/print-file/route.ts', reason: 'a download route: a tampered form, never the page’s own' },
  { file: 'app/hq/audit/events.csv/route.ts', reason: 'a download route: the page validates the same filters first' },
  { file: 'app/hq/reports/accounting/journal.csv/route.ts', reason: 'a download route: the page links a valid month' },
  { file: 'app/hq/reports/download/[report]/route.ts', reason: 'a download route: the page links valid reports and formats' },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' || entry.name === 'testing' ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

interface Site {
  file: string;
  line: number;
  message: string;
  hasUserMessage: boolean;
}

/** Every `new AppError(…)` in `text`: where, its message's source, and whether a 4th argument (not `undefined`) is given. */
export function appErrorSites(file: string, text: string): Site[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const sites: Site[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'AppError') {
      const args = node.arguments ?? [];
      const fourth = args[3];
      sites.push({
        file,
        line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        message: args[1]?.getText(source) ?? '',
        hasUserMessage: fourth !== undefined && fourth.getText(source) !== 'undefined',
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

const covers = (e: (typeof API_ONLY)[number], site: Site) =>
  (e.file === site.file || (e.file.endsWith('/') && site.file.startsWith(e.file))) && (e.message === undefined || site.message.includes(e.message));
const isExempt = (site: Site) => API_ONLY.some((e) => covers(e, site));

describe('domain errors meant for people carry a UserMessage', () => {
  const sites = [...sourceFiles('lib'), ...sourceFiles('app')].flatMap((file) => appErrorSites(file, readFileSync(path.join(ROOT, file), 'utf8')));

  it('finds the AppErrors (the scan itself works)', () => {
    expect(sites.length).toBeGreaterThan(100);
    const [site] = appErrorSites(
      'x.ts',
      "throw new AppError(\n  'CONFLICT',\n  'Taken',\n  { fieldErrors: {} },\n);\nnew AppError('NOT_FOUND', 'x', undefined, userMessage('k'));",
    );
    expect(site).toMatchObject({ line: 1, message: "'Taken'", hasUserMessage: false });
    expect(appErrorSites('x.ts', "new AppError('NOT_FOUND', 'x', undefined, undefined)")[0]!.hasUserMessage).toBe(false);
    expect(appErrorSites('x.ts', "new AppError('NOT_FOUND', 'x', undefined, userMessage('k'))")[0]!.hasUserMessage).toBe(true);
  });

  it('every AppError outside the API-only list has a userMessage', () => {
    const missing = sites.filter((s) => !s.hasUserMessage && !isExempt(s)).map((s) => `${s.file}:${s.line} ${s.message}`);
    expect(missing).toEqual([]);
  });

  it('every API-only entry still matches an AppError (none stale)', () => {
    const stale = API_ONLY.filter((e) => !sites.some((s) => covers(e, s)));
    expect(stale).toEqual([]);
  });
});
