/**
 * The compatibility table (docs/COMPATIBILITY.md), generated from the operation declarations and
 * the list of Dintero's endpoints: `npm run docs:compat` writes it, and a unit test fails when the
 * committed file differs from what the declarations say.
 */
import { z } from 'zod';
import { DINTERO_ENDPOINTS, OPERATIONS, type OperationSpec } from './operations';
import { scopesFor } from '@/lib/auth/scopes';

function fieldsOf(s: z.ZodType | undefined): string {
  if (!s) return '—';
  const json = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
  const names = Object.keys(json.properties ?? {});
  return names.length ? names.map((n) => `\`${n}\``).join(', ') : '—';
}

const STATUS_LABEL = { supported: 'supported', extension: 'extension', missing: 'missing' } as const;

export function compatibilityMarkdown(): string {
  const lines: string[] = [
    '# Compatibility with Dintero’s Wallet / Cards API',
    '',
    'Generated from `lib/api/operations.ts` by `npm run docs:compat` — do not edit by hand; a test',
    'fails when this file and the declarations disagree. Paths are after `/v1/accounts/{aid}`.',
    '',
    '**supported**: the endpoint as Dintero defines it, usable unchanged by a Dintero client.',
    '**extension**: Cardstock’s own, under a path Dintero does not use. **missing**: not served.',
    '',
    '| Dintero endpoint | status | Cardstock operation | scopes | request fields | query | notes |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const endpoint of DINTERO_ENDPOINTS) {
    const spec: OperationSpec | undefined = endpoint.operation ? OPERATIONS[endpoint.operation] : undefined;
    const status = spec ? STATUS_LABEL[spec.dintero.status] : STATUS_LABEL.missing;
    lines.push(
      `| \`${endpoint.method} ${endpoint.path}\` | ${status} | ${endpoint.operation ? `\`${endpoint.operation}\`` : '—'} | ${
        spec
          ? scopesFor(spec.access)
              .map((s) => `\`${s}\``)
              .join(', ')
          : '—'
      } | ${fieldsOf(spec?.body)} | ${fieldsOf(spec?.query)} | ${(spec?.dintero.notes ?? endpoint.why ?? '').replace(/\|/g, '\\|')} |`,
    );
  }
  const extensions = (Object.entries(OPERATIONS) as [string, OperationSpec][]).filter(([, spec]) => spec.dintero.status === 'extension');
  lines.push('', '## Cardstock extensions', '');
  if (extensions.length === 0) lines.push('None yet.');
  for (const [name, spec] of extensions) lines.push(`- \`${spec.method} ${spec.path}\` (\`${name}\`): ${spec.summary}`);
  lines.push(
    '',
    '## Wallet API behaviour beyond the table',
    '',
    '- Card objects carry `kind` on transactions, `deleted_at` only on a deleted card (shown with `include_deleted=true`), and',
    '  `tokens[].masked_code`; never a clear token or PIN after the creation response.',
    '- The error body is always `{"error":{"code","message","details"?}}`; codes and statuses are listed in `/v1/openapi.json`.',
    '',
  );
  return lines.join('\n');
}
