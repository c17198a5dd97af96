import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** For the TypeORM CLI (`npm run typeorm -- migration:generate migrations/Name`). */
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/tandem_dev';
export default new DataSource(dataSourceOptions(url));
