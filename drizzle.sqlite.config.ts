import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/main/core/db/schema/sqlite.ts',
  out: './drizzle/sqlite',
});
