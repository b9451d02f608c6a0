import type { SchemaKit } from './kits';

/**
 * Facts about the installation rather than any workspace: the data key's id (a server with
 * another key refuses to start), and the outcomes of calls made with an idempotency key (a
 * connected desktop's retry after a dropped connection gets the first outcome, never a second
 * copy of what the first call created).
 */
export function instanceTables(k: SchemaKit) {
  /** One row per setting: `data_key_id` → the id (never the key) of the key that seals banking details. */
  const instanceSettings = k.table('instance_settings', {
    name: k.text('name').primaryKey(),
    value: k.text('value').notNull(),
    updatedAt: k.time('updated_at').notNull(),
  });

  /**
   * A mutation called with an idempotency key. `id` is the SHA-256 of (user kind, user id,
   * procedure, key): the same key from another user or for another procedure is another call.
   * `status` is `running` from before the handler runs until `done`; `response` is the
   * CallResult JSON a retry is answered with.
   */
  const callIdempotency = k.table(
    'call_idempotency',
    {
      id: k.text('id').primaryKey(),
      userId: k.text('user_id').notNull(),
      procedure: k.text('procedure').notNull(),
      status: k.text('status').notNull(),
      response: k.text('response'),
      createdAt: k.time('created_at').notNull(),
      finishedAt: k.time('finished_at'),
    },
    (t) => [k.index('call_idempotency_created_idx').on(t.createdAt)],
  );

  return { instanceSettings, callIdempotency };
}
