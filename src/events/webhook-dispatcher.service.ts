import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { APP_CONFIG, AppConfig } from 'src/config/config';
import { retryDelayMs } from './backoff';
import { ClaimedDelivery, EventRepository } from './event.repository';
import { SecretBox } from './webhook-secret-box';
import { sendWebhook, type SendResult } from './webhook-sender';

/** The longest a receiver's Retry-After can hold a delivery back. */
const MAX_RETRY_AFTER_MS = 24 * 3_600_000;
import { policyFrom, UrlPolicy } from './webhook-url-policy';

/**
 * The dispatcher: a polling loop over Postgres (no other infrastructure). Each tick relays new
 * outbox events (positions + queued deliveries), then sends the due head delivery of each
 * subscription, signed per Standard Webhooks, and records the outcome. A delivery taken by a
 * process that dies stays `sending` until its lock expires and is then sent again with the
 * same `webhook-id` (at-least-once; receivers de-duplicate on it). Nothing is lost or invented.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  readonly policy: UrlPolicy;

  constructor(
    private readonly repo: EventRepository,
    private readonly box: SecretBox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.policy = policyFrom(config.NODE_ENV, config.WEBHOOK_ALLOWED_HOSTS);
  }

  onApplicationBootstrap() {
    if (this.config.EVENTS_DISPATCHER === 'on') this.schedule();
  }

  async onApplicationShutdown() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule() {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then(() => undefined)
        .catch((err: Error) => this.logger.warn(`dispatch tick failed: ${err.message}`))
        .finally(() => this.schedule());
    }, this.config.EVENTS_POLL_MS);
    this.timer.unref();
  }

  /** One pass: relay, then send what is due. Exposed for tests and tools. */
  async tick(): Promise<number> {
    while ((await this.repo.relay()) > 0 && !this.stopped);
    const lockSeconds = Math.ceil((this.config.WEBHOOK_TIMEOUT_MS * 2) / 1000) + 1;
    let sent = 0;
    for (;;) {
      if (this.stopped) break;
      const batch = await this.repo.claim(lockSeconds, 20);
      if (!batch.length) break;
      await Promise.all(batch.map((d) => this.deliver(d)));
      sent += batch.length;
    }
    return sent;
  }

  private async deliver(d: ClaimedDelivery) {
    const outcome = await this.attempt(d);
    const backoff = outcome.ok
      ? 0
      : retryDelayMs(
          d.attempts,
          this.config.WEBHOOK_RETRY_BASE_MS,
          this.config.WEBHOOK_RETRY_MAX_MS,
          Math.random(),
        );
    // Standard Webhooks: a 429 or 503 with Retry-After is not retried before it (up to a day);
    // a 410 Gone disables the endpoint at once (the delivery waits, as after repeated failures).
    const retryIn = Math.max(backoff, Math.min(outcome.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS));
    const disable =
      outcome.statusCode === 410 ? 'the endpoint answered 410 Gone: disabled at once' : null;
    await this.repo.complete(
      d,
      outcome,
      retryIn,
      this.config.WEBHOOK_DISABLE_AFTER_FAILURES,
      disable,
    );
  }

  /** Signs (with the secret opened from its sealed form, and with the former one too for 24 h
   * after a rotation) and sends one delivery. */
  private async attempt(d: ClaimedDelivery): Promise<SendResult> {
    let secrets: string[];
    try {
      secrets = [d.secret, ...(d.previousSecret ? [d.previousSecret] : [])].map((s) =>
        this.box.open(s, d.subscriptionId),
      );
    } catch (err) {
      // Never sent unsigned: a failed attempt like any other (retried, then auto-disabled).
      const error = (err as Error).message;
      this.logger.error(`webhook ${d.subscriptionId}: ${error}`);
      return { ok: false, statusCode: null, error, durationMs: 0 };
    }
    const body = JSON.stringify(d.event);
    const at = new Date();
    // Several signatures are space-delimited; a receiver accepts the delivery if any verifies.
    const signature = secrets.map((s) => new Webhook(s).sign(d.event.id, at, body)).join(' ');
    return sendWebhook(
      d.url,
      {
        'webhook-id': d.event.id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
      { timeoutMs: this.config.WEBHOOK_TIMEOUT_MS, policy: this.policy },
    );
  }
}
