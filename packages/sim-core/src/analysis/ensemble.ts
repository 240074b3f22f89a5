/**
 * The ensemble file: a posterior sample of parameter sets that other commands apply to any
 * scenario (COORDINATION "Ensemble file" contract). A folder with
 * - `ensemble.csv`: header `member,weight,<lever path>,...`, one row per accepted parameter set,
 *   plain numbers (members numbered from 0; weights sum to 1);
 * - `ensemble.json`: `{"format":"vraem-ensemble/1","scenario":...,"levers":[...],"method":...,
 *   "seed":...,"accepted":N,"command":...,"version":...,"sha256":<of ensemble.csv>}` and
 *   whatever else the writer adds (budget, tolerances, run time).
 *
 * A member is applied as lever values set at the start, like `--set path=value`, so paired runs
 * of two scenarios under one member share its parameters. This module is pure: it writes and
 * parses texts; the caller reads and writes the files and computes the SHA-256 of the CSV text
 * (sim-core has no crypto), and {@link parseEnsemble} checks it when the caller passes it.
 */

/** The format tag of `ensemble.json`. */
export const ENSEMBLE_FORMAT = 'vraem-ensemble/1';

/** `ensemble.json`'s fields as a writer gives them: the contract's, and any others it records. */
export interface EnsembleFields {
  /** Name of the scenario the ensemble was calibrated on. */
  scenario: string;
  /** Lever paths, in the CSV's column order. */
  levers: readonly string[];
  /** How the members were drawn (e.g. `abc-smc`). */
  method: string;
  seed: number;
  /** Members in the CSV. */
  accepted: number;
  /** The command line that wrote it. */
  command: string;
  /** The vraem version that wrote it. */
  version: string;
  /** SHA-256 (hex) of `ensemble.csv`'s text. */
  sha256: string;
  [extra: string]: unknown;
}

/** `ensemble.json`: the format tag and the fields. */
export interface EnsembleManifest extends EnsembleFields {
  format: typeof ENSEMBLE_FORMAT;
  levers: string[];
}

/** One member: its weight and a value per lever (in `levers` order). */
export interface EnsembleMember {
  member: number;
  weight: number;
  values: number[];
}

/** A parsed ensemble. */
export interface Ensemble {
  manifest: EnsembleManifest;
  levers: string[];
  members: EnsembleMember[];
}

/** A number as the CSV holds it: the shortest text that reads back to the same double. */
const cell = (x: number) => (Object.is(x, -0) ? '0' : String(x));

/**
 * The text of `ensemble.csv`.
 * @example ensembleCsv(['market.demandScale'], [{ member: 0, weight: 1, values: [0.9] }]) === 'member,weight,market.demandScale\n0,1,0.9\n'
 */
export function ensembleCsv(levers: readonly string[], members: readonly EnsembleMember[]): string {
  if (levers.length === 0) throw new Error('an ensemble needs at least one lever');
  if (new Set(levers).size !== levers.length) throw new Error('a lever appears twice');
  const lines = [['member', 'weight', ...levers].join(',')];
  for (const m of members) {
    if (m.values.length !== levers.length) throw new Error(`member ${m.member}: ${m.values.length} values for ${levers.length} levers`);
    if (![m.weight, ...m.values].every(Number.isFinite)) throw new Error(`member ${m.member}: a value is not a finite number`);
    lines.push([String(m.member), cell(m.weight), ...m.values.map(cell)].join(','));
  }
  return lines.join('\n') + '\n';
}

/** `ensemble.json`'s text for a CSV (the caller computed its SHA-256). */
export function ensembleJson(fields: EnsembleFields): string {
  const { scenario, levers, method, seed, accepted, command, version, sha256, ...rest } = fields;
  const manifest: EnsembleManifest = { format: ENSEMBLE_FORMAT, scenario, levers: [...levers], method, seed, accepted, command, version, sha256, ...rest };
  return JSON.stringify(manifest, null, 2) + '\n';
}

/**
 * Parse an ensemble from the texts of its two files. Throws an Error naming the file, line and
 * value of the first problem. With `csvSha256` (the SHA-256 of the CSV text as read), it checks
 * the manifest's hash.
 */
export function parseEnsemble(csvText: string, jsonText: string, csvSha256?: string): Ensemble {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonText);
  } catch (e) {
    throw new Error(`ensemble.json: not JSON (${(e as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('ensemble.json: expected an object');
  const m = raw as Record<string, unknown>;
  if (m.format !== ENSEMBLE_FORMAT) throw new Error(`ensemble.json: format: expected "${ENSEMBLE_FORMAT}", got ${JSON.stringify(m.format)}`);
  const need = (key: string, ok: boolean, what: string) => {
    if (!ok) throw new Error(`ensemble.json: ${key}: expected ${what}, got ${JSON.stringify(m[key])}`);
  };
  need('scenario', typeof m.scenario === 'string', 'a string');
  need('levers', Array.isArray(m.levers) && m.levers.length > 0 && m.levers.every((l) => typeof l === 'string' && l !== ''), 'a non-empty list of lever paths');
  need('method', typeof m.method === 'string', 'a string');
  need('seed', typeof m.seed === 'number' && Number.isFinite(m.seed), 'a number');
  need('accepted', Number.isInteger(m.accepted) && (m.accepted as number) >= 1, 'a whole number ≥ 1');
  need('command', typeof m.command === 'string', 'a string');
  need('version', typeof m.version === 'string', 'a string');
  need('sha256', typeof m.sha256 === 'string' && /^[0-9a-f]{64}$/.test(m.sha256), 'a 64-digit hex SHA-256');
  const manifest = m as EnsembleManifest;
  if (csvSha256 !== undefined && csvSha256 !== manifest.sha256) throw new Error(`ensemble.csv: its SHA-256 ${csvSha256} is not the manifest's ${manifest.sha256} (the file changed after it was written)`);

  const lines = csvText.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.trim());
  if (header[0] !== 'member' || header[1] !== 'weight') throw new Error(`ensemble.csv:1: the header must start with member,weight (got "${lines[0]}")`);
  const levers = header.slice(2);
  if (levers.join(',') !== manifest.levers.join(',')) throw new Error(`ensemble.csv:1: levers ${levers.join(', ')} differ from ensemble.json's ${manifest.levers.join(', ')}`);
  const members: EnsembleMember[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const cells = lines[i].split(',').map((c) => c.trim());
    if (cells.length !== header.length) throw new Error(`ensemble.csv:${i + 1}: ${cells.length} cells for ${header.length} columns`);
    const nums = cells.map((c) => (c === '' ? Number.NaN : Number(c)));
    const bad = nums.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) throw new Error(`ensemble.csv:${i + 1}: ${header[bad]}: "${cells[bad]}" is not a number`);
    if (!Number.isInteger(nums[0]) || nums[0] !== members.length) throw new Error(`ensemble.csv:${i + 1}: member: expected ${members.length}, got ${cells[0]}`);
    if (nums[1] < 0) throw new Error(`ensemble.csv:${i + 1}: weight: ${cells[1]} is negative`);
    members.push({ member: nums[0], weight: nums[1], values: nums.slice(2) });
  }
  if (members.length !== manifest.accepted) throw new Error(`ensemble.csv: ${members.length} members, but ensemble.json says accepted ${manifest.accepted}`);
  const total = members.reduce((a, x) => a + x.weight, 0);
  if (Math.abs(total - 1) > 1e-6) throw new Error(`ensemble.csv: the weights sum to ${total}, not 1`);
  return { manifest, levers, members };
}

/**
 * A member as `--set` assignments (`path=value`), in lever order: what applying it to a scenario
 * means.
 * @example memberAssignments(ensemble, 0) // ['market.demandScale=0.91', ...]
 */
export function memberAssignments(ensemble: Ensemble, index: number): string[] {
  const m = ensemble.members[index];
  if (!m) throw new Error(`no member ${index} (the ensemble has ${ensemble.members.length})`);
  return ensemble.levers.map((path, k) => `${path}=${cell(m.values[k])}`);
}
