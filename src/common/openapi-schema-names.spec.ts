import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @nestjs/swagger names a schema after its class: two DTO classes of the same name would
 * silently share one schema in openapi.json (the second overwriting the first), and the
 * contract would lie about one of them. */
describe('OpenAPI schema names', () => {
  it('no two classes carrying @ApiProperty share a name', () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.spec.ts')) {
          const src = readFileSync(p, 'utf8');
          if (!src.includes('@ApiProperty')) continue;
          for (const [, name] of src.matchAll(/^export class (\w+)/gm)) {
            const first = seen.get(name);
            if (first) dupes.push(`${name}: ${first} and ${p}`);
            else seen.set(name, p);
          }
        }
      }
    };
    walk(join(__dirname, '..'));
    expect(dupes).toEqual([]);
  });
});
