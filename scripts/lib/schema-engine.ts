/**
 * Drives Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm) from Node,
 * for development tooling only (generating migration SQL). The Prisma CLI cannot be used for this
 * here: it insists on downloading a native schema-engine binary from a host these machines cannot
 * reach. See /work/shared/reference/platform-notes.md, "Prisma 7 without engine binaries".
 *
 * The engine talks to PostgreSQL through a Prisma driver adapter (@prisma/adapter-pg + pg). It is
 * only ever pointed at a scratch in-memory PGlite (./scratch-postgres.ts), never at a real database.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQueryable,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import * as engineGlue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaContainer, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';
import pg from 'pg';
import { SCRATCH_MAX_CONNECTIONS, type ScratchPostgres } from './scratch-postgres';

export type { SchemaContainer } from '@prisma/schema-engine-wasm/schema_engine_bg';

// ---------------------------------------------------------------------------------------------
// Loading the wasm module
// ---------------------------------------------------------------------------------------------

interface PanicRegistry {
  message: string;
  set_message(message: string): void;
}

declare global {
  // The wasm glue reports Rust panics here; without it a panic surfaces as an unrelated
  // "cannot read properties of undefined" TypeError and the real message is lost.
  var PRISMA_WASM_PANIC_REGISTRY: PanicRegistry | undefined;
}

const panicRegistry: PanicRegistry = {
  message: '',
  set_message(message: string) {
    this.message = message;
  },
};

/** The message of the last Rust panic inside the engine, if any (for crash reports). */
export function lastEnginePanic(): string {
  return panicRegistry.message;
}

let engineModule: typeof engineGlue | undefined;

/**
 * The package's main module does `import * as wasm from "./schema_engine_bg.wasm"`, which Node 20
 * cannot load. So we instantiate the .wasm ourselves against the package's JS glue (which is what
 * the wasm imports, under the module name "./schema_engine_bg.js"), as its main module would.
 */
export function loadSchemaEngineWasm(): typeof engineGlue {
  if (engineModule) return engineModule;
  globalThis.PRISMA_WASM_PANIC_REGISTRY = panicRegistry;

  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bytes = readFileSync(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    './schema_engine_bg.js': engineGlue,
  });
  engineGlue.__wbg_set_wasm(instance.exports);
  const start = instance.exports.__wbindgen_start;
  if (typeof start !== 'function') throw new Error('schema-engine-wasm: __wbindgen_start export missing');
  start();

  engineModule = engineGlue;
  return engineModule;
}

// ---------------------------------------------------------------------------------------------
// Driver adapter for the scratch database
// ---------------------------------------------------------------------------------------------

const PG_CHAR_OID = 18; // PostgreSQL's internal one-byte "char" type (pg_class.relkind, …)
const PG_TEXT_OID = 25;

/** Result rows (by identity) of queries whose listed columns were of type "char". */
const charColumnsByRows = new WeakMap<object, number[]>();

function isQueryResult(value: unknown): value is pg.QueryResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as pg.QueryResult).fields) && Array.isArray((value as pg.QueryResult).rows);
}

function relabelCharColumns(result: unknown): void {
  if (Array.isArray(result)) {
    result.forEach(relabelCharColumns); // multi-statement simple queries return one result each
    return;
  }
  if (!isQueryResult(result)) return;
  const indices: number[] = [];
  result.fields.forEach((field, index) => {
    if (field.dataTypeID === PG_CHAR_OID) {
      field.dataTypeID = PG_TEXT_OID;
      indices.push(index);
    }
  });
  if (indices.length > 0) charColumnsByRows.set(result.rows, indices);
}

/**
 * adapter-pg 7.10 throws "Unsupported column type char" on PostgreSQL's "char" (oid 18), which the
 * engine reads from pg_catalog while describing a database. pg has already parsed those values
 * as one-character strings; we relabel the column as text so adapter-pg accepts the result, and
 * remember which columns they were (keyed by the rows array, which adapter-pg passes through
 * unchanged) so queryRaw can report them as Character — the column type the engine expects.
 */
function patchClientQuery(client: pg.PoolClient): void {
  // pg's query() has a dozen overloads; we only observe its result, so the original is called
  // through an untyped view of the same function. Pool#query uses the callback form, a
  // transaction's client the promise form.
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  const patched = (...args: unknown[]): unknown => {
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) => {
        if (!error) relabelCharColumns(result);
        return callback(error, result);
      };
    }
    const returned = original(...args);
    if (returned instanceof Promise) {
      return returned.then((result: unknown) => {
        relabelCharColumns(result);
        return result;
      });
    }
    return returned;
  };
  (client as unknown as { query: typeof patched }).query = patched;
}

function reportCharColumns<T extends SqlQueryable>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const resultSet = await queryRaw(query);
    for (const index of charColumnsByRows.get(resultSet.rows) ?? []) {
      resultSet.columnTypes[index] = ColumnTypeEnum.Character;
    }
    return resultSet;
  };
  return queryable;
}

function withCharColumns(adapter: SqlDriverAdapter): SqlDriverAdapter {
  reportCharColumns(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const transaction: Transaction = await startTransaction(isolationLevel);
    return reportCharColumns(transaction);
  };
  return adapter;
}

interface ScratchAdapterFactory {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Ends the pg pool: engine.free() does not, and open sockets keep the process alive. */
  close(): Promise<void>;
}

function createScratchAdapterFactory(scratch: ScratchPostgres): ScratchAdapterFactory {
  // Separate host/port/user/database fields, never a connection string: adapter-pg's shadow-DB
  // code spreads the config and overrides `database`, and with a connection string node-postgres
  // ignores that override (the "shadow" would be the main database).
  const pool = new pg.Pool({
    host: scratch.host,
    port: scratch.port,
    user: scratch.user,
    database: scratch.database,
    max: SCRATCH_MAX_CONNECTIONS,
  });
  pool.on('connect', patchClientQuery);
  const inner = new PrismaPg(pool);

  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      return withCharColumns(await inner.connect());
    },
    // PGlite ignores database names (CREATE DATABASE + connect lands in the same database), so
    // adapter-pg's shadow database would silently be the scratch database itself. The operations
    // used here (diff from a live database) do not need one; fail loudly if one is ever asked for.
    async connectToShadowDb() {
      throw new Error('No shadow database is available: replay migrations into the scratch database instead.');
    },
  };

  let closed = false;
  return {
    factory,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Engine lifecycle and errors
// ---------------------------------------------------------------------------------------------

export class SchemaEngineError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SchemaEngineError';
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

/**
 * Adapter errors reach the engine as "External error id#N"; the real error is kept in the bound
 * factory's registry. Rust panics show up as a wasm RuntimeError; their message is in the panic
 * registry. Turn both into a readable message.
 */
function describeEngineError(error: unknown, registry: ErrorRegistry): string {
  let message = messageOf(error);
  for (const match of message.matchAll(/External error id#(\d+)/g)) {
    const record = registry.consumeError(Number(match[1]));
    if (record) message += `\nCaused by: ${messageOf(record.error)}`;
  }
  if (error instanceof WebAssembly.RuntimeError && panicRegistry.message) {
    message += `\nEngine panic: ${panicRegistry.message}`;
  }
  return message;
}

export interface SchemaEngineSession {
  engine: SchemaEngine;
  /** Runs an engine call, rethrowing its failure as a SchemaEngineError with the real cause. */
  call<T>(operation: (engine: SchemaEngine) => Promise<T>): Promise<T>;
}

/**
 * Starts an engine connected to `scratch`, runs `work`, and always releases the engine, the pg
 * pool and everything else that could keep the process alive.
 */
export async function withSchemaEngine<T>(
  scratch: ScratchPostgres,
  schemaFiles: SchemaContainer[],
  work: (session: SchemaEngineSession) => Promise<T>,
): Promise<T> {
  const { SchemaEngine: Engine } = loadSchemaEngineWasm();
  const adapter = createScratchAdapterFactory(scratch);
  const bound = bindMigrationAwareSqlAdapterFactory(adapter.factory);
  // The engine logs JSON lines (mostly "Starting schema-engine-wasm"); show them only on request.
  const onLog = (line: string): void => {
    if (process.env.SCHEMA_ENGINE_DEBUG) process.stderr.write(line.endsWith('\n') ? line : `${line}\n`);
  };

  const guarded = async <R>(operation: () => Promise<R>): Promise<R> => {
    try {
      return await operation();
    } catch (error) {
      throw new SchemaEngineError(describeEngineError(error, bound.errorRegistry), { cause: error });
    }
  };

  let engine: SchemaEngine | undefined;
  try {
    // SchemaEngine.new connects to the database right away.
    engine = await guarded(() => Engine.new({ datamodels: schemaFiles.map((file) => [file.path, file.content]) }, onLog, bound));
    const started = engine;
    return await work({ engine: started, call: (operation) => guarded(() => operation(started)) });
  } finally {
    engine?.free();
    await adapter.close();
  }
}

const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

/**
 * The SQL that takes the scratch database (as it is now) to the schema's datamodel, or null when
 * they already agree. Uses the schema's datasource block, which (having no url, Prisma 7 style)
 * makes the engine read the live database through the driver adapter.
 */
export async function diffDatabaseToSchema(session: SchemaEngineSession, schemaFiles: SchemaContainer[], configDir: string): Promise<string | null> {
  const result = await session.call((engine) =>
    engine.diff({
      from: { tag: 'schemaDatasource', files: schemaFiles, configDir },
      to: { tag: 'schemaDatamodel', files: schemaFiles },
      script: true,
      exitCode: true, // 2 = non-empty diff, 0 = no changes
      filters: NO_FILTER,
    }),
  );
  if (result.exitCode === 0) return null;
  if (result.exitCode !== 2) throw new SchemaEngineError(`Unexpected diff exit code ${result.exitCode}.`);
  return result.stdout ?? '';
}
