import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from 'src/access/actor';
import { AuditService, diffFields } from 'src/audit/audit.service';
import { conflict, notFound, preconditionFailed, validationFailed } from 'src/common/domain-error';
import { decodeCursor, DEFAULT_PAGE_SIZE, Page, PageQueryDto, toPage } from 'src/common/pagination';
import { updateVersioned, writeReturning, isoTimestampSql } from 'src/common/sql';
import { actorLa } from 'src/common/tenancy';
import { APP_CONFIG, AppConfig } from 'src/config/config';
import type {
  CreatedWebhookResponse,
  CreateWebhookDto,
  DeliveryResponse,
  RotatedWebhookSecretResponse,
  UpdateWebhookDto,
  WebhookResponse,
} from './dto/webhook.dto';
import { SecretBox } from './webhook-secret-box';
import { policyFrom, urlRefusal, UrlPolicy } from './webhook-url-policy';

const COLUMNS = `id, url, events, description, active, disabled_reason AS "disabledReason",
  consecutive_failures AS "consecutiveFailures", version, ${isoTimestampSql('created_at')} AS "createdAt",
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorAt"`;

type Row = WebhookResponse & { cursorAt: string };
const view = ({ cursorAt: _c, ...w }: Row): WebhookResponse => w;

/** Webhook subscriptions of the caller's LA and their delivery log. */
@Injectable()
export class WebhookService implements OnApplicationBootstrap {
  private readonly policy: UrlPolicy;
  private readonly logger = new Logger('Webhooks');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.policy = policyFrom(config.NODE_ENV, config.WEBHOOK_ALLOWED_HOSTS);
  }

  /** Key rotation: secrets sealed under WEBHOOK_SECRET_KEY_PREVIOUS are sealed afresh under
   * WEBHOOK_SECRET_KEY (each row only if unchanged since read, so instances may race). */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.box.rotating) return;
    const rows: { id: string; secret: string; column: string }[] = await this.ds.query(
      `SELECT id, secret, 'secret' AS column FROM webhook_subscription
       UNION ALL
       SELECT id, previous_secret, 'previous_secret' FROM webhook_subscription
        WHERE previous_secret IS NOT NULL`,
    );
    let resealed = 0;
    const unopened: string[] = [];
    for (const r of rows) {
      let fresh: string | null;
      try {
        fresh = this.box.reseal(r.secret, r.id);
      } catch {
        unopened.push(r.id);
        continue;
      }
      if (!fresh) continue;
      await this.ds.query(
        `UPDATE webhook_subscription SET ${r.column} = $1 WHERE id = $2 AND ${r.column} = $3`,
        [fresh, r.id, r.secret],
      );
      resealed++;
    }
    this.logger.log(`webhook signing secrets sealed afresh under WEBHOOK_SECRET_KEY: ${resealed}`);
    if (unopened.length)
      this.logger.error(
        `webhook signing secrets that open with neither WEBHOOK_SECRET_KEY nor ` +
          `WEBHOOK_SECRET_KEY_PREVIOUS (their deliveries will fail): ${unopened.join(', ')}`,
      );
  }

  async create(actor: Actor, dto: CreateWebhookDto): Promise<CreatedWebhookResponse> {
    const la = actorLa(actor);
    const refused = urlRefusal(this.policy, dto.url);
    if (refused) throw validationFailed('url', refused);
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    // Shown once, stored sealed (bound to the row's id, hence chosen here).
    const id = randomUUID();
    return this.ds.transaction(async (m) => {
      const [row] = await writeReturning<Row>(
        m,
        `INSERT INTO webhook_subscription (id, local_authority_id, url, events, description, secret, created_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [id, la, dto.url, dto.events, dto.description ?? null, this.box.seal(secret, id), actor.id],
      );
      await this.audit.record(
        {
          action: 'webhook.create',
          recordType: 'webhook_subscription',
          recordId: row.id,
          changes: diffFields({}, { ...dto, secret }, ['url', 'events', 'description', 'secret']),
        },
        m,
      );
      return { ...view(row), secret };
    });
  }

  async list(actor: Actor, page: PageQueryDto): Promise<Page<WebhookResponse>> {
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor(page.cursor, 2);
    const rows: Row[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM webhook_subscription
        WHERE local_authority_id = $1 AND deleted_at IS NULL
          AND ($3::timestamptz IS NULL OR (created_at, id) > ($3::timestamptz, $4::uuid))
        ORDER BY created_at, id LIMIT $2`,
      [actorLa(actor), limit + 1, cursor?.[0] ?? null, cursor?.[1] ?? null],
    );
    const p = toPage(rows, limit, (r) => [r.cursorAt, r.id]);
    return { data: p.data.map(view), nextCursor: p.nextCursor };
  }

  private async get(la: string, id: string, m = this.ds.manager): Promise<Row> {
    const rows: Row[] = await m.query(
      `SELECT ${COLUMNS} FROM webhook_subscription
        WHERE id = $1 AND local_authority_id = $2 AND deleted_at IS NULL`,
      [id, la],
    );
    if (!rows.length) throw notFound('Webhook');
    return rows[0];
  }

  async update(
    actor: Actor,
    id: string,
    version: number,
    dto: UpdateWebhookDto,
  ): Promise<WebhookResponse> {
    const la = actorLa(actor);
    return this.ds.transaction(async (m) => {
      const before = await this.get(la, id, m);
      const set: Record<string, unknown> = {};
      if (dto.events !== undefined) set.events = dto.events;
      if (dto.active !== undefined) {
        set.active = dto.active;
        if (dto.active) {
          set.consecutive_failures = 0;
          set.disabled_reason = null;
        }
      }
      if (!(await updateVersioned(m, 'webhook_subscription', id, version, set)))
        throw preconditionFailed();
      const after = await this.get(la, id, m);
      await this.audit.record(
        {
          action: 'webhook.update',
          recordType: 'webhook_subscription',
          recordId: id,
          changes: diffFields(before, after, ['events', 'active']),
        },
        m,
      );
      return view(after);
    });
  }

  /**
   * A new signing secret, shown once. The former one keeps signing beside it for 24 h (every
   * delivery carries both signatures), so the receiver can switch without losing a delivery;
   * rotating again within the window replaces the former secret with the current one.
   */
  async rotateSecret(actor: Actor, id: string): Promise<RotatedWebhookSecretResponse> {
    const la = actorLa(actor);
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    return this.ds.transaction(async (m) => {
      await this.get(la, id, m);
      const [row] = await writeReturning<Row & { previousSecretValidUntil: string }>(
        m,
        `UPDATE webhook_subscription
            SET previous_secret = secret, previous_secret_until = now() + interval '24 hours',
                secret = $2, version = version + 1
          WHERE id = $1
          RETURNING ${COLUMNS}, ${isoTimestampSql('previous_secret_until')} AS "previousSecretValidUntil"`,
        [id, this.box.seal(secret, id)],
      );
      await this.audit.record(
        {
          action: 'webhook.rotate_secret',
          recordType: 'webhook_subscription',
          recordId: id,
          metadata: { previousSecretValidUntil: row.previousSecretValidUntil },
        },
        m,
      );
      const { previousSecretValidUntil, ...rest } = row;
      return { ...view(rest), secret, previousSecretValidUntil };
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const la = actorLa(actor);
    await this.ds.transaction(async (m) => {
      await this.get(la, id, m);
      await m.query(
        `UPDATE webhook_subscription SET deleted_at = now(), active = false, version = version + 1
          WHERE id = $1`,
        [id],
      );
      await this.audit.record(
        { action: 'webhook.delete', recordType: 'webhook_subscription', recordId: id },
        m,
      );
    });
  }

  async deliveries(actor: Actor, id: string, page: PageQueryDto): Promise<Page<DeliveryResponse>> {
    const la = actorLa(actor);
    await this.get(la, id);
    const limit = page.limit ?? DEFAULT_PAGE_SIZE;
    const cursor = decodeCursor(page.cursor, 1);
    if (cursor && !/^\d{1,19}$/.test(String(cursor[0])))
      throw validationFailed('cursor', 'cursor is not valid');
    const rows: (DeliveryResponse & { position: string })[] = await this.ds.query(
      `SELECT d.id, d.event_id AS "eventId", e.type AS "eventType", d.status, d.attempts,
              ${isoTimestampSql('d.next_attempt_at')} AS "nextAttemptAt", ${isoTimestampSql('d.last_attempt_at')} AS "lastAttemptAt",
              d.last_status_code AS "lastStatusCode", d.last_error AS "lastError",
              ${isoTimestampSql('d.delivered_at')} AS "deliveredAt", d.position::text AS position,
              coalesce((SELECT json_agg(json_build_object('at', ${isoTimestampSql('a.at')}, 'statusCode', a.status_code,
                          'error', a.error, 'durationMs', a.duration_ms) ORDER BY a.at DESC)
                          FROM (SELECT * FROM webhook_delivery_attempt
                                 WHERE delivery_id = d.id ORDER BY at DESC LIMIT 10) a), '[]') AS log
         FROM webhook_delivery d JOIN integration_event e ON e.id = d.event_id
        WHERE d.subscription_id = $1 AND d.local_authority_id = $2
          AND ($4::bigint IS NULL OR d.position < $4::bigint)
        ORDER BY d.position DESC LIMIT $3`,
      [id, la, limit + 1, cursor?.[0] ?? null],
    );
    const p = toPage(rows, limit, (r) => [r.position]);
    return { data: p.data.map(({ position: _p, ...d }) => d), nextCursor: p.nextCursor };
  }

  /** Sends a delivery again as soon as the dispatcher's next pass (same webhook-id). */
  async retry(
    actor: Actor,
    id: string,
    deliveryId: string,
  ): Promise<{ id: string; status: string }> {
    const la = actorLa(actor);
    return this.ds.transaction(async (m) => {
      const sub = await this.get(la, id, m);
      const rows = await writeReturning<{ id: string; status: string }>(
        m,
        `UPDATE webhook_delivery SET status = 'pending', next_attempt_at = now(), delivered_at = NULL
          WHERE id = $1 AND subscription_id = $2 AND status <> 'sending' RETURNING id, status`,
        [deliveryId, sub.id],
      );
      if (!rows.length) {
        const exists: unknown[] = await m.query(
          `SELECT 1 FROM webhook_delivery WHERE id = $1 AND subscription_id = $2`,
          [deliveryId, sub.id],
        );
        if (!exists.length) throw notFound('Delivery');
        throw conflict('delivery_in_flight', 'The delivery is being sent right now; retry later');
      }
      await this.audit.record(
        {
          action: 'webhook.delivery_retry',
          recordType: 'webhook_delivery',
          recordId: deliveryId,
          metadata: { subscriptionId: id, active: sub.active },
        },
        m,
      );
      return rows[0];
    });
  }
}
