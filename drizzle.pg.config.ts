import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src-main/data/schema/pg.ts',
  out: './drizzle/pg',
});
