// Prisma CLI configuration. Only `prisma generate` is used on machines without the
// schema-engine binary; migrations are applied by `npm run db:migrate` (lib/db/migrate.ts).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    // Only read by `prisma migrate` / `prisma studio` on machines that have the engine binary.
    url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/cardstock',
  },
});
