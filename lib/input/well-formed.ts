/**
 * Text every input must be: no NUL character (PostgreSQL text and jsonb cannot store U+0000)
 * and well-formed UTF-16, i.e. no unpaired surrogate (jsonb refuses `\ud800`, and UTF-8 cannot
 * encode one). JSON escapes (`"\u0000"`, `"\ud800"`), percent-encoded URLs (`%00`) and form
 * posts can all carry them, and the database would answer with an error, not a refusal.
 *
 * Every edge checks its whole parsed input here before its zod schema (safeParseInput: the API's
 * body, query and path, server actions, sign-in), so each field's refusal comes back like any
 * other validation error, naming the field; schemas need no per-field rule for it.
 */
import { z } from 'zod';
import { validationText } from '@/lib/i18n/validation-message';

export const MALFORMED_TEXT_MESSAGE = validationText('malformedText');
export const MALFORMED_KEY_MESSAGE = validationText('malformedKey');
const MAX_ISSUES = 20;

export function isWellFormedText(value: string): boolean {
  return !value.includes('\u0000') && value.isWellFormed();
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A path as a chain to its parent, so a deep walk never copies paths; spelled out only for an issue. */
type PathNode = { key: PropertyKey; parent: PathNode } | null;

function pathOf(node: PathNode): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let n = node; n; n = n.parent) path.push(n.key);
  return path.reverse();
}

/**
 * Every string in `value` (plain objects and arrays, keys included, walked without recursion so
 * depth cannot overflow the stack) that is not well-formed text, as zod issues (at most 20). A
 * bad key is reported at its object's path, never echoed.
 */
export function malformedTextIssues(value: unknown): z.core.$ZodIssue[] {
  const issues: z.core.$ZodIssue[] = [];
  const issue = (node: PathNode, message: string) => issues.push({ code: 'custom', path: pathOf(node), message, input: undefined });
  const stack: { value: unknown; node: PathNode }[] = [{ value, node: null }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const { value: current, node } = stack.pop()!;
    if (typeof current === 'string') {
      if (!isWellFormedText(current)) issue(node, MALFORMED_TEXT_MESSAGE);
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], node: { key: i, parent: node } });
    } else if (typeof current === 'object' && current !== null && isPlainObject(current)) {
      const entries = Object.entries(current);
      if (entries.some(([key]) => !isWellFormedText(key))) issue(node, MALFORMED_KEY_MESSAGE);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        if (isWellFormedText(key)) stack.push({ value: child, node: { key, parent: node } });
      }
    }
  }
  return issues;
}

/**
 * `schema.safeParse(value)`, refusing first any string in `value` that is not well-formed text,
 * with the same result shape (a ZodError, one issue per bad string, at its path). `params` is
 * zod's per-parse context (the form edge passes an error map in the user's language).
 */
export function safeParseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  params?: z.core.ParseContext<z.core.$ZodIssue>,
): z.ZodSafeParseResult<z.output<S>> {
  const issues = malformedTextIssues(value);
  if (issues.length > 0) return { success: false, error: new z.ZodError(issues) } as z.ZodSafeParseResult<z.output<S>>;
  return schema.safeParse(value, params);
}
