/**
 * Secrets are the operator's: docker-compose.yml ships none (compose refuses to start until they
 * are set), and every secret a document shows as an example is refused by production.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from 'src/config/load-config';
import { isPublishedSecret } from 'src/config/published-secrets';

const ROOT = join(__dirname, '..');
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

interface Compose {
  services: Record<string, { environment?: Record<string, string> }>;
}

describe('docker-compose.yml makes the operator set the secrets', () => {
  const compose = parse(read('docker-compose.yml')) as Compose;
  const env = (service: string) => compose.services[service].environment ?? {};

  it.each([
    ['app', 'JWT_SECRET'],
    ['app', 'WEBHOOK_SECRET_KEY'],
    ['db', 'POSTGRES_PASSWORD'],
  ])('%s.%s has no default: ${VAR:?message} naming the variable', (service, key) => {
    expect(env(service)[key]).toMatch(new RegExp(`^\\$\\{${key}:\\?set ${key} [^}]+\\}$`));
  });

  it('the database URL carries the required POSTGRES_PASSWORD, not a fixed one', () => {
    expect(env('app').DATABASE_URL).toMatch(
      /^postgres:\/\/tandem:\$\{POSTGRES_PASSWORD:\?[^}]+\}@db:5432\/tandem$/,
    );
  });

  it('the first administrator is the operator’s too: empty unless set', () => {
    expect(env('app').TANDEM_ADMIN_EMAIL).toBe('${TANDEM_ADMIN_EMAIL:-}');
    expect(env('app').TANDEM_ADMIN_PASSWORD).toBe('${TANDEM_ADMIN_PASSWORD:-}');
  });

  it('no literal secret and no ":-" default for a secret anywhere in the file', () => {
    const text = read('docker-compose.yml');
    expect(text).not.toMatch(/^\s+[A-Z_]*(SECRET|PASSWORD)[A-Z_]*:\s*\$\{[A-Z_]+:-[^}]/m);
    expect(text).not.toMatch(/^\s+[A-Z_]*(SECRET|PASSWORD)[A-Z_]*:\s*[^$\s]/m);
  });
});

describe('production refuses every secret a document shows', () => {
  const docs = [
    'README.md',
    'docker-compose.yml',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  // `JWT_SECRET=value`, `TANDEM_ADMIN_PASSWORD='value'` with a literal value (not
  // `$(openssl …)`, `<placeholder>` or `…`).
  const EXAMPLE =
    /\b(JWT_SECRET|WEBHOOK_SECRET_KEY|TANDEM_ADMIN_PASSWORD)=['"]?([^'"\s`$<…|(]{6,})/g;
  const shown = docs.flatMap((f) =>
    [...read(f).matchAll(EXAMPLE)].map((m) => ({ file: f, key: m[1], value: m[2] })),
  );

  it('the README shows an example admin password, and it is on the published list', () => {
    expect(shown.some((s) => s.file === 'README.md' && s.key === 'TANDEM_ADMIN_PASSWORD')).toBe(
      true,
    );
  });

  it.each(docs)('%s: each example secret it shows is refused when NODE_ENV=production', (file) => {
    for (const s of shown.filter((x) => x.file === file)) {
      expect({ ...s, published: isPublishedSecret(s.value) }).toMatchObject({ published: true });
      const production = {
        NODE_ENV: 'production',
        JWT_SECRET: 'j'.repeat(40),
        WEBHOOK_SECRET_KEY: 'w'.repeat(40),
        TANDEM_ADMIN_EMAIL: 'admin@example.gov.uk',
        TANDEM_ADMIN_PASSWORD: 'operator-chosen-passphrase',
        [s.key]: s.value,
      };
      expect(() => loadConfig(production)).toThrow(ConfigError);
    }
  });
});
