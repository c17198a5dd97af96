import { Inject, Injectable, OnApplicationShutdown, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EmbeddedHandle } from './embedded-postgres';

export const EMBEDDED_DATABASE = Symbol('EMBEDDED_DATABASE');

/**
 * On shutdown (Ctrl-C / SIGTERM through Nest's shutdown hooks, or app.close()): close the
 * connection pool, then stop the embedded Postgres, so neither outlives the app.
 */
@Injectable()
export class EmbeddedDatabaseShutdown implements OnApplicationShutdown {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Optional() @Inject(EMBEDDED_DATABASE) private readonly embedded: EmbeddedHandle | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    if (this.ds.isInitialized) await this.ds.destroy();
    await this.embedded.stop();
  }
}
