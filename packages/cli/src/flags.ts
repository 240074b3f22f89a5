/**
 * Options that take a value, checked on the raw command line before a command runs. yargs reads
 * `--continue-from` with nothing after it as an empty string, `--min-acceptance` with nothing
 * after it as no option at all, and `--min-acceptance abc` as NaN: each silently becomes the
 * default (a fresh prior instead of the ensemble asked for; `--out` with no value would name the
 * current folder). Here such a flag is bad usage naming the flag and the text given (exit 2).
 */
import { InputError } from './errors.ts';

/** What yargs knows of the running command's options (its `getOptions()`, the part used here). */
export interface KnownOptions {
  boolean: readonly string[];
  number: readonly string[];
  array: readonly string[];
  choices: Readonly<Record<string, readonly unknown[]>>;
  key: Readonly<Record<string, unknown>>;
}

/** `minAcceptance` → `min-acceptance` (yargs accepts both spellings of a declared option). */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A token yargs takes as a value rather than a flag: anything not starting with `-`, or a negative number. */
const isValue = (token: string | undefined): token is string => token !== undefined && (!token.startsWith('-') || /^-(\d|\.\d)/.test(token));

/**
 * Every problem of the value-taking options in `argv` (the raw arguments after the program):
 * a flag with no value, an empty value, a number option whose text is not a finite number, a
 * value not among an option's choices (yargs says that on two lines, without the flag's dashes),
 * or an option that takes one value given more than once (yargs makes a list of it: `--out a
 * --out b` ended in a stack trace).
 */
export function flagValueProblems(argv: readonly string[], known: KnownOptions): string[] {
  const problems: string[] = [];
  const flags = new Set(known.boolean.map(kebab));
  const numbers = new Set(known.number.map(kebab));
  const arrays = new Set(known.array.map(kebab));
  const choices = new Map(Object.entries(known.choices).map(([k, v]) => [kebab(k), v.map(String)]));
  const declared = new Set(Object.keys(known.key).map(kebab));
  const given = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === '--') break;
    if (!token.startsWith('--')) continue;
    const eq = token.indexOf('=');
    const name = kebab(token.slice(2, eq < 0 ? undefined : eq));
    // Unknown options are yargs' own refusal (strict mode); booleans take no value.
    if (!declared.has(name) || flags.has(name)) continue;
    const values: string[] = [];
    if (eq >= 0) values.push(token.slice(eq + 1));
    // An array option takes every value up to the next flag; any other option takes one.
    else if (arrays.has(name)) while (isValue(argv[i + 1])) values.push(argv[++i]);
    else if (isValue(argv[i + 1])) values.push(argv[++i]);
    if (!arrays.has(name)) given.set(name, [...(given.get(name) ?? []), ...values]);
    if (values.length === 0) {
      problems.push(`--${name}: expected a value after it, got none`);
      continue;
    }
    for (const v of values) {
      if (v.trim() === '') problems.push(`--${name}: expected a value, got an empty one`);
      else if (numbers.has(name) && !Number.isFinite(Number(v))) problems.push(`--${name}: expected a number, got "${v}"`);
      else if (choices.has(name) && !choices.get(name)!.includes(v)) problems.push(`--${name}: expected one of ${choices.get(name)!.join(', ')}, got "${v}"`);
    }
  }
  // yargs makes a list of an option given twice, which the commands read as one odd value.
  for (const [name, values] of given) if (values.length > 1) problems.push(`--${name}: given ${values.length} times (${values.join(', ')}); give it once`);
  return problems;
}

/** Throw the problems of {@link flagValueProblems} as one InputError (exit 2, nothing run). */
export function checkFlagValues(argv: readonly string[], known: KnownOptions): void {
  const problems = flagValueProblems(argv, known);
  if (problems.length) throw new InputError(problems);
}
