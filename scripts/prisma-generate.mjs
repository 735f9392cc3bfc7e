#!/usr/bin/env node
// Runs `prisma generate` without network access.
//
// The Prisma 7 CLI tries to download its schema-engine binary on every command, even though
// `generate` never uses it (the client is pure TypeScript with a driver adapter). Pointing
// PRISMA_SCHEMA_ENGINE_BINARY at a stub executable keeps it from reaching for the network.
// A real engine binary, when the machine has one, is respected.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  const dir = join(tmpdir(), 'cardstock-prisma-stub');
  mkdirSync(dir, { recursive: true });
  const stub = join(dir, 'schema-engine');
  writeFileSync(stub, '#!/bin/sh\necho "schema-engine-cli stub (generate only)"\n');
  chmodSync(stub, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}

const result = spawnSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], {
  stdio: 'inherit',
  env,
});
process.exit(result.status ?? 1);
