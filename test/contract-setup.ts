/**
 * jest setupFilesAfterEnv (e2e): a test whose responses did not match `openapi.json` fails,
 * listing each mismatch (test/utils/contract-recorder.ts).
 */
import { takeMismatches } from './utils/contract-recorder';

function failOnMismatches(when: string) {
  const found = [...new Set(takeMismatches())];
  if (!found.length) return;
  throw new Error(
    `${found.length} response(s) ${when} do not match openapi.json ` +
      `(declare them with @nestjs/swagger decorators: docs/integrators.md, "The contract check"):\n  ` +
      found.join('\n  '),
  );
}

afterEach(() => failOnMismatches('of this test'));
afterAll(() => failOnMismatches('of this file’s hooks'));
