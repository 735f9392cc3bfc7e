// npm run admin:create -- --email you@example.com --account P00000001 [--name "Chain AS"] [--currency NOK]
// Creates the first HQ admin (and the account if new). The password is asked for on a terminal
// (not echoed) or read from the first line of standard input; it is never printed.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { createDbClient } from '@/lib/db/client';
import { openConfiguredDatabase } from '@/lib/db/open';
import { isAppError } from '@/lib/errors';
import { createFirstAdmin, createFirstAdminSchema } from '@/lib/users/create-first-admin';

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return '';
  }
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  const ask = (prompt: string) =>
    new Promise<string>((resolve) => {
      muted = false;
      rl.question(prompt, (answer) => {
        process.stdout.write('\n');
        resolve(answer);
      });
      muted = true;
    });
  const first = await ask('Password for the new admin (12+ characters): ');
  const second = await ask('Repeat the password: ');
  rl.close();
  if (first !== second) throw new Error('The passwords do not match.');
  return first;
}

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    account: { type: 'string' },
    name: { type: 'string' },
    currency: { type: 'string' },
  },
});

const parsed = createFirstAdminSchema.safeParse({
  email: values.email,
  accountId: values.account,
  accountName: values.name,
  currency: values.currency,
  password: await readPassword(),
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.') || 'input'}: ${issue.message}`);
  console.error('Usage: npm run admin:create -- --email you@example.com --account P00000001 [--name "Chain AS"] [--currency NOK]');
  process.exit(2);
}

const database = await openConfiguredDatabase();
const db = createDbClient(database.url, { max: 2 });
try {
  const user = await createFirstAdmin(db, parsed.data);
  console.log(`Created HQ admin ${user.email} in account ${user.accountId}.`);
} catch (error) {
  console.error(isAppError(error) ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
  await database.close();
}
