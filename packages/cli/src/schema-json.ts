/**
 * The JSON Schema of scenario files, generated from sim-core's zod schema, so that editors
 * (VS Code's YAML extension, any JSON Schema tool) autocomplete and check scenario files.
 * `scenarios/schema.json` is this text; `pnpm --filter @vraem/cli schema` rewrites it and a test
 * fails when it is out of date.
 */
import { scenarioSchema } from './core.ts';

/** Where the generated schema lives, relative to the repository root. */
export const SCHEMA_FILE = 'scenarios/schema.json';

/** The JSON Schema text (2-space indented, newline at the end) of a scenario file as written (defaults optional). */
export function scenarioJsonSchema(): string {
  const schema = scenarioSchema.toJSONSchema({ io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const out = {
    $schema: schema.$schema,
    title: 'vraem scenario',
    description:
      'A scenario of the vraem agent-based model of the VRAEM coca economy. In YAML, point an editor at this file with a first line: # yaml-language-server: $schema=./schema.json',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
