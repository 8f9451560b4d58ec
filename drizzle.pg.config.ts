import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/main/core/db/schema/pg.ts',
  out: './drizzle/pg',
});
