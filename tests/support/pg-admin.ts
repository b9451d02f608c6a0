import pg from 'pg';

/** One statement (or several, `;`-separated) on its own connection to `url`, as the administrator: schemas, roles, checks. */
export async function adminQuery(url: string, text: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(text);
    return Array.isArray(result) ? [] : (result.rows as Record<string, unknown>[]);
  } finally {
    await client.end();
  }
}
