/**
 * Rewrite `scenarios/schema.json` from the zod schema. Run from anywhere:
 * `pnpm --filter @vraem/cli schema` (or `tsx packages/cli/scripts/write-schema.ts` from the root).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILE, scenarioJsonSchema } from '../src/schema-json.ts';

const target = fileURLToPath(new URL(`../../../${SCHEMA_FILE}`, import.meta.url));
writeFileSync(target, scenarioJsonSchema());
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
