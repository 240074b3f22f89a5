/**
 * The posterior ensemble file (the contract between calibration and the commands that carry its
 * uncertainty into answers): a folder holding `ensemble.csv` — header `member,weight,<lever
 * path>,...`, one row per accepted parameter set, plain numbers — and `ensemble.json` —
 * `{"format":"vraem-ensemble/1","scenario","levers","method","seed","accepted","command",
 * "version","sha256"}` with the sha256 of `ensemble.csv`. A member is applied to any scenario as
 * lever values set at the start (like `--set`), so paired A/B runs of a member share its
 * parameters. Pure: the caller reads the files and hashes the CSV; this checks and parses them.
 */

/** The format tag `ensemble.json` carries. */
export const ENSEMBLE_FORMAT = 'vraem-ensemble/1';

/** One accepted parameter set. */
export interface EnsembleMember {
  /** The member's id in `ensemble.csv` (a whole number; ids are unique). */
  member: number;
  /** Its posterior weight, normalised so the members' weights sum to 1. */
  weight: number;
  /** Lever values by path, in the order of the header. */
  values: Record<string, number>;
}

/** `ensemble.json`. */
export interface EnsembleManifest {
  format: typeof ENSEMBLE_FORMAT;
  scenario: unknown;
  levers: string[];
  method: unknown;
  seed: unknown;
  accepted: number;
  command: unknown;
  version: unknown;
  sha256: string;
}

/** A parsed, checked ensemble. */
export interface Ensemble {
  levers: string[];
  members: EnsembleMember[];
  manifest: EnsembleManifest;
}

/** A parse result: the value, or every problem found (each naming the file, and the line where there is one). */
export type EnsembleParse<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/**
 * Parse `ensemble.csv`. Weights must be finite and not negative with a positive sum (they are
 * normalised); every lever cell a finite number.
 * @example parseEnsembleCsv('member,weight,firmas.count\n0,1,4\n', 'e/ensemble.csv')
 */
export function parseEnsembleCsv(text: string, file: string): EnsembleParse<{ levers: string[]; members: EnsembleMember[] }> {
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  if (header[0] !== 'member' || header[1] !== 'weight') return { ok: false, problems: [`${file}:1: the header should start "member,weight," then the lever paths`] };
  const levers = header.slice(2);
  if (levers.length === 0) problems.push(`${file}:1: names no lever after member,weight`);
  levers.forEach((l, i) => {
    if (l === '') problems.push(`${file}:1: column ${i + 3} has an empty lever path`);
    else if (levers.indexOf(l) !== i) problems.push(`${file}:1: lever ${l} is named twice`);
  });
  const members: EnsembleMember[] = [];
  const seen = new Set<number>();
  for (let i = 1; i < lines.length; i++) {
    const at = `${file}:${i + 1}`;
    const cells = lines[i].split(',');
    if (cells.length !== header.length) {
      problems.push(`${at}: has ${cells.length} cells, the header ${header.length}`);
      continue;
    }
    const nums = cells.map((c) => (c.trim() === '' ? Number.NaN : Number(c)));
    const bad = nums.findIndex((x) => !Number.isFinite(x));
    if (bad >= 0) {
      problems.push(`${at}: ${header[bad]} is ${JSON.stringify(cells[bad])}, not a number`);
      continue;
    }
    const [member, weight] = nums;
    if (!Number.isInteger(member) || member < 0) problems.push(`${at}: member ${cells[0]} should be a whole number ≥ 0`);
    else if (seen.has(member)) problems.push(`${at}: member ${member} appears twice`);
    if (weight < 0) problems.push(`${at}: weight ${cells[1]} is negative`);
    seen.add(member);
    members.push({ member, weight, values: Object.fromEntries(levers.map((l, j) => [l, nums[j + 2]])) });
  }
  if (members.length === 0 && problems.length === 0) problems.push(`${file}: holds no member`);
  const total = members.reduce((s, m) => s + m.weight, 0);
  if (members.length && !(total > 0)) problems.push(`${file}: the weights sum to ${total}; they must sum to more than 0`);
  if (problems.length) return { ok: false, problems };
  for (const m of members) m.weight /= total;
  return { ok: true, value: { levers, members } };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Check `ensemble.json` against the CSV it describes: the format, the lever list, the number of
 * members and the CSV's sha256 (computed by the caller, who reads the bytes).
 */
export function checkEnsemble(json: unknown, jsonFile: string, csv: { levers: string[]; members: EnsembleMember[]; sha256: string; file: string }): EnsembleParse<Ensemble> {
  if (!isObject(json)) return { ok: false, problems: [`${jsonFile}: should hold a JSON object`] };
  const problems: string[] = [];
  if (json.format !== ENSEMBLE_FORMAT) problems.push(`${jsonFile}: format should be "${ENSEMBLE_FORMAT}", found ${JSON.stringify(json.format)}`);
  if (!Array.isArray(json.levers) || !json.levers.every((l) => typeof l === 'string')) problems.push(`${jsonFile}: levers should be a list of lever paths`);
  else if (json.levers.join() !== csv.levers.join()) problems.push(`${jsonFile}: levers [${json.levers.join(', ')}] differ from the columns of ${csv.file} [${csv.levers.join(', ')}]`);
  if (json.accepted !== csv.members.length) problems.push(`${jsonFile}: accepted is ${JSON.stringify(json.accepted)} but ${csv.file} has ${csv.members.length} members`);
  if (typeof json.sha256 !== 'string') problems.push(`${jsonFile}: sha256 (of ${csv.file}) is missing`);
  else if (json.sha256.toLowerCase() !== csv.sha256.toLowerCase()) problems.push(`${csv.file}: its sha256 ${csv.sha256.slice(0, 12)}… does not match ${json.sha256.slice(0, 12)}… recorded in ${jsonFile} (edited or truncated?)`);
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { levers: csv.levers, members: csv.members, manifest: json as unknown as EnsembleManifest } };
}
