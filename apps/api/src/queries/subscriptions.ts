import type { DigestSend, OpenedDatabase } from '@evidence/schema';
import { unsubscribeTokenId, verifyUnsubscribeToken } from '@evidence/notify/unsubscribe-token';
import { InvalidParameter, NotFound } from '../domain-errors.ts';
import { parseSavedFilter } from '../filters/saved-filter.ts';
import { perDatabase } from './per-database.ts';

/** What a subscriber follows: a saved studies filter (a query string; '' = every new study) or a claim. */
type Follows = { filter: string; claimId?: undefined } | { claimId: number; filter?: undefined };

interface SubscriptionInput {
  email: string;
  language: 'en' | 'nl';
  frequency: 'daily' | 'weekly';
  filter?: string | undefined;
  claimId?: number | undefined;
}

interface SubscriptionRow {
  id: number;
  email: string;
  language: 'en' | 'nl';
  frequency: 'daily' | 'weekly';
  filter: string | null;
  claim_id: number | null;
  created_by: string;
  created_at: string;
  updated_at: string;
  watermark: string;
  last_digest_at: string | null;
  unsubscribed_at: string | null;
  last_period: string | null;
  last_status: DigestSend['status'] | null;
  last_error: string | null;
  last_sent_at: string | null;
}

const SELECT = `SELECT s.*, d.period_key AS last_period, d.status AS last_status, d.error AS last_error, d.sent_at AS last_sent_at
  FROM subscriptions s LEFT JOIN digest_sends d ON d.id = (SELECT max(id) FROM digest_sends WHERE subscription_id = s.id)`;

function toSubscription(row: SubscriptionRow) {
  return {
    id: row.id,
    email: row.email,
    language: row.language,
    frequency: row.frequency,
    filter: row.filter,
    claimId: row.claim_id,
    active: row.unsubscribed_at === null,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    watermark: row.watermark,
    lastDigestAt: row.last_digest_at,
    unsubscribedAt: row.unsubscribed_at,
    lastSend: row.last_period
      ? { period: row.last_period, status: row.last_status!, error: row.last_error, sentAt: row.last_sent_at }
      : null,
  };
}

export function listSubscriptions(database: OpenedDatabase) {
  return (database.sqlite.prepare(`${SELECT} ORDER BY s.id`).all() as SubscriptionRow[]).map(toSubscription);
}

export function getSubscription(database: OpenedDatabase, id: number) {
  const row = database.sqlite.prepare(`${SELECT} WHERE s.id = ?`).get(id) as SubscriptionRow | undefined;
  if (!row) throw new NotFound(`No subscription ${id}`);
  return toSubscription(row);
}

/** Exactly one of filter and claimId; the filter checked by the studies list's own schema, the claim by existence. */
function checkedFollows(database: OpenedDatabase, input: { filter?: string | undefined; claimId?: number | undefined }): Follows {
  if (input.filter !== undefined && input.claimId !== undefined)
    throw new InvalidParameter('filter', 'follow either a filter or a claim, not both');
  if (input.claimId !== undefined) {
    if (!database.sqlite.prepare('SELECT 1 FROM claims WHERE id = ?').get(input.claimId))
      throw new InvalidParameter('claimId', `claimId: no claim ${input.claimId}`);
    return { claimId: input.claimId };
  }
  if (input.filter === undefined)
    throw new InvalidParameter('filter', 'a subscription follows a filter (a studies query string) or a claim (claimId)');
  return { filter: parseSavedFilter(database, input.filter).canonical };
}

function createSubscriptionWriter(database: OpenedDatabase) {
  const { sqlite } = database;
  const insert =
    sqlite.prepare(`INSERT INTO subscriptions (email, language, frequency, filter, claim_id, created_by, created_at, updated_at, watermark)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const update = sqlite.prepare(
    'UPDATE subscriptions SET email = ?, language = ?, frequency = ?, filter = ?, claim_id = ?, updated_at = ? WHERE id = ?',
  );
  const remove = sqlite.prepare('DELETE FROM subscriptions WHERE id = ?');
  return {
    /** The watermark starts now: the first digest holds what arrived after subscribing, not the archive. */
    create(input: SubscriptionInput, actor: string, at: string): number {
      const follows = checkedFollows(database, input);
      return Number(
        insert.run(input.email, input.language, input.frequency, follows.filter ?? null, follows.claimId ?? null, actor, at, at, at)
          .lastInsertRowid,
      );
    },
    update(id: number, patch: Partial<SubscriptionInput>, at: string) {
      const current = getSubscription(database, id);
      const follows =
        patch.filter !== undefined || patch.claimId !== undefined
          ? checkedFollows(database, patch)
          : current.claimId !== null
            ? { claimId: current.claimId }
            : { filter: current.filter ?? '' };
      update.run(
        patch.email ?? current.email,
        patch.language ?? current.language,
        patch.frequency ?? current.frequency,
        follows.filter ?? null,
        follows.claimId ?? null,
        at,
        id,
      );
    },
    remove(id: number) {
      if (remove.run(id).changes === 0) throw new NotFound(`No subscription ${id}`);
    },
  };
}

/** The subscription writer of a database, its statements prepared on first use. */
export const subscriptionWriterFor = perDatabase(createSubscriptionWriter);

/** The subscription a signed unsubscribe token names, or a 400 naming `token` when it is not valid. */
export function subscriptionForToken(database: OpenedDatabase, secret: string, token: string) {
  const id = unsubscribeTokenId(token);
  const row = id === null ? undefined : (database.sqlite.prepare(`${SELECT} WHERE s.id = ?`).get(id) as SubscriptionRow | undefined);
  if (!row || !verifyUnsubscribeToken(secret, token, row.id, row.email))
    throw new InvalidParameter('token', 'token: this unsubscribe link is not valid (the subscription may have been deleted)');
  return toSubscription(row);
}

/** Ends a subscription by its signed token; unsubscribing twice is fine and keeps the first time. */
export function unsubscribe(database: OpenedDatabase, secret: string, token: string, at: string) {
  const { id } = subscriptionForToken(database, secret, token);
  database.sqlite.prepare('UPDATE subscriptions SET unsubscribed_at = coalesce(unsubscribed_at, ?) WHERE id = ?').run(at, id);
  return getSubscription(database, id);
}
