import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src-main/data/schema/sqlite.ts',
  out: './drizzle/sqlite',
});
