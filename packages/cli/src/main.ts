#!/usr/bin/env node
/**
 * The `vraem` command (DESIGN §9): run, compare and sweep scenarios, merge sweep shards, validate
 * scenario files, list levers and bundled scenarios, draw reports and verify folders. Exit codes:
 * 0 success, 1 a failure while running, 2 bad usage or bad input (messages on stderr, no stack
 * trace).
 * Run from the repository root with `pnpm vraem <command> ...`.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT, InputError, Interrupted, RunError } from './errors.ts';
import { VERSION } from './manifest.ts';
import { checkFlagValues, type KnownOptions } from './flags.ts';
import { commonOptions, outputOptions, type CommonArgs } from './commands/common.ts';
import { snapshotOptions, type SnapshotArgs } from './commands/resume.ts';
import type { SweepArgs } from './commands/sweep.ts';
import type { LessonArgs } from './commands/lesson.ts';
import type { ClassroomArgs } from './commands/classroom.ts';
import type { CalibrateArgs } from './commands/calibrate.ts';
import type { AbcArgs } from './commands/calibrate-abc.ts';
import { defaultWorkers } from './pool.ts';
import type { SensitivityArgs } from './commands/sensitivity.ts';
import type { ExploreArgs } from './commands/explore.ts';
import type { DiscoverArgs } from './commands/discover.ts';
import type { RobustArgs } from './commands/robust.ts';

// A command's module is imported when that command runs, not before: a process holds the code
// of its one command (a sweep shard does not load the charts, the classroom server or the
// calibrators: about 40 MB less resident memory in every shard of a cluster sweep).
const runCommands = () => import('./commands/run.ts');
const sweepCommands = () => import('./commands/sweep.ts');
const infoCommands = () => import('./commands/info.ts');

/** Build the command-line parser (exported for tests and for `--help` text). */
export function cli(argv: string[]) {
  // The one parser: a command's builder adds its options to it, which the middleware then reads.
  const parser = yargs(argv);
  return parser
    .scriptName('vraem')
    .usage('$0 <command> [options]\n\nAgent-based simulation of the coca economy of Peru\u2019s VRAEM.')
    .command(
      'run [scenario]',
      'run replicates of a scenario (or continue snapshotted runs with --resume)',
      (y) => snapshotOptions(commonOptions(y.positional('scenario', { type: 'string', describe: 'scenario file (YAML or JSON)' }), 10)),
      async (a) => (await runCommands()).runCommand(a as unknown as CommonArgs & SnapshotArgs & { scenario?: string }),
    )
    .command(
      'compare <a> <b>',
      'compare scenario B with scenario A over paired replicates',
      (y) =>
        commonOptions(y.positional('a', { type: 'string', demandOption: true }).positional('b', { type: 'string', demandOption: true }), 10).option('ensemble', {
          type: 'string',
          describe: 'posterior ensemble folder (ensemble.csv + ensemble.json): run every member with the same paired seeds (--runs per member) and split each effect\u2019s uncertainty into parameters and chance',
        }),
      async (a) => (await runCommands()).compareCommand(a as unknown as CommonArgs & { a: string; b: string; ensemble?: string }),
    )
    .command(
      'sweep <scenario>',
      'run a scenario over a design of lever values (full factorial or Latin hypercube)',
      (y) =>
        commonOptions(y.positional('scenario', { type: 'string', demandOption: true }), 5)
          .option('vary', { type: 'string', array: true, default: [] as string[], describe: 'path=v1,v2,... (factorial) or path=lo..hi (lhs); repeatable' })
          .option('design', { choices: ['factorial', 'lhs'] as const, default: 'factorial' as const, describe: 'design of the sweep' })
          .option('samples', { type: 'number', describe: 'design rows of a Latin hypercube' })
          .option('shard', { type: 'string', describe: 'run only slice i of n (0-based), e.g. 0/4; join the shards with merge' })
          .option('hold-varied', { type: 'boolean', default: true, describe: 'hold each varied value for the whole run against the scenario\u2019s events (--no-hold-varied lets events change it)' })
          .option('resume', { type: 'boolean', default: false, describe: 'finish the sweep an interruption left in <out>.partial: run only the tasks not yet done' }),
      async (a) => (await sweepCommands()).sweepCommand(a as unknown as SweepArgs),
    )
    .command(
      'merge <dirs..>',
      'join the shards of a sweep into the folder the unsharded sweep writes',
      (y) => outputOptions(y.positional('dirs', { type: 'string', array: true, demandOption: true })),
      async (a) => (await sweepCommands()).mergeCommand(a as unknown as { dirs: string[]; out: string; force: boolean }),
    )
    .command(
      'validate <files..>',
      'check scenario files; report every problem as file:line:col path: message',
      (y) => y.positional('files', { type: 'string', array: true, demandOption: true }),
      async (a) => (await infoCommands()).validateCommand(a as unknown as { files: string[] }),
    )
    .command(
      'params <scenario>',
      'list every lever of a scenario: path, value, unit, range, meaning',
      (y) =>
        y
          .positional('scenario', { type: 'string', demandOption: true })
          .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a lever: path=value (repeatable)' })
          .option('json', { type: 'boolean', default: false, describe: 'print JSON instead of tables' }),
      async (a) => (await infoCommands()).paramsCommand(a as unknown as { scenario: string; set: string[]; json: boolean }),
    )
    .command('scenarios', 'list the bundled scenarios and lessons', (y) => y, async () => (await infoCommands()).scenariosCommand())
    .command(
      'lesson [id]',
      'list the lessons, or run one: its payoff matrix measured from the model, equilibria and reading',
      (y) =>
        outputOptions(
          y
            .positional('id', { type: 'string', describe: 'lesson id (vraem lesson lists them) or lesson file' })
            .option('runs', { type: 'number', describe: 'replicates per strategy profile (default: the lesson\u2019s)' })
            .option('seed', { type: 'number', describe: 'base random seed (default: the lesson\u2019s)' }),
          'runs/lesson-<id>-<timestamp>/',
        ),
      async (a) => (await import('./commands/lesson.ts')).lessonCommand(a as unknown as LessonArgs),
    )
    .command(
      'classroom',
      'run a lesson as a classroom game on the local network: students take the players, the model plays the rest (--replay LOG replays a session)',
      (y) =>
        outputOptions(
          y
            .option('lesson', { type: 'string', default: 'protection-racket', describe: 'lesson id (vraem lesson lists them) or lesson file' })
            .option('condition', { type: 'string', describe: 'the lesson condition played (default: its first)' })
            .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to listen on: the classroom network\u2019s (e.g. 0.0.0.0 for every interface)' })
            .option('port', { type: 'number', describe: 'port (default 8090; 0: any free port)' })
            .option('tables', { type: 'number', describe: 'worlds played side by side, one seat per player each (default 3)' })
            .option('round-months', { type: 'number', describe: 'months of model time a round lasts (default 12)' })
            .option('seconds', { type: 'number', describe: 'seconds students have to choose each round (default 60; the teacher can change it)' })
            .option('model-runs', { type: 'number', describe: 'replicates per profile for the model\u2019s payoff matrix (default 2)' })
            .option('seed', { type: 'number', describe: 'base random seed (default: the lesson\u2019s)' })
            .option('replay', { type: 'string', describe: 'a session log (session.jsonl): replay it and write its series.csv' }),
          'runs/classroom-<lesson>-<timestamp>/',
        ),
      async (a) => (await import('./commands/classroom.ts')).classroomCommand(a as unknown as ClassroomArgs),
    )
    .command(
      'calibrate <scenario>',
      'fit levers to observed hectares (Nelder–Mead over replicates with common seeds; MAPE and trend errors in and out of sample), or with --abc draw a posterior ensemble against many patterns (ABC-SMC)',
      (y) =>
        outputOptions(
          y
            .positional('scenario', { type: 'string', demandOption: true })
            .option('against', { type: 'string', demandOption: true, describe: 'observed series CSV: year,series,value[,quality]' })
            .option('fit', { type: 'string', array: true, default: [] as string[], describe: 'path=lo..hi (set the lever) or path=*lo..hi (scale it and its events); repeatable' })
            .option('from', { type: 'number', describe: 'first year of the fit (default: the scenario\u2019s start year)' })
            .option('until', { type: 'number', default: 2015, describe: 'last year of the fit; later years are out of sample' })
            .option('budget', { type: 'number', default: 200, describe: 'simulation runs allowed (candidates × replicates)' })
            .option('runs', { type: 'number', default: 2, describe: 'replicates per candidate (the same seeds for every candidate)' })
            .option('seed', { type: 'number', describe: 'base random seed (default: the scenario\u2019s seed)' })
            .option('series', { type: 'string', describe: 'target series, comma-separated (default: every target the CSV holds)' })
            .option('trend-weight', { type: 'number', default: 0.25, describe: 'weight of the trend error in the objective' })
            .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a lever while fitting, e.g. householdsPerAgent=10 (not written to the fitted scenario)' })
            .option('scenario-out', { type: 'string', describe: 'also write the fitted scenario to this file (extends resolved relative to it)' })
            .option('abc', { type: 'boolean', default: false, describe: 'a posterior ensemble by ABC-SMC against --patterns instead of a point fit (--fit boxes are the prior)' })
            .option('patterns', { type: 'string', describe: '--abc: pattern targets with observed ranges (data/patterns.csv)' })
            .option('prices', { type: 'string', describe: '--abc: observed prices (data/observed-prices.csv)' })
            .option('households', { type: 'string', describe: '--abc: households per region from data, their ranges the prior (data/households.csv)' })
            .option('particles', { type: 'number', default: 100, describe: '--abc: members accepted per generation (the ensemble size)' })
            .option('generations', { type: 'number', default: 5, describe: '--abc: most generations after the prior\u2019s' })
            .option('quantile', { type: 'number', default: 0.5, describe: '--abc: the next tolerance is this quantile of the last generation\u2019s distances' })
            .option('batch', { type: 'number', describe: '--abc: simulations per batch on the workers (default: --particles; the result depends on it, not on --workers)' })
            .option('replicates', { type: 'number', describe: '--abc: runs per proposal; its patterns are measured on their monthly mean (default 1; --budget counts runs)' })
            .option('sampler', { choices: ['smc', 'mcmc'] as const, default: 'smc' as const, describe: '--abc: smc, importance weights over a kernel (Toni et al. 2009); mcmc, equal weights and Metropolis moves (Drovandi & Pettitt 2011), for many parameters' })
            .option('min-acceptance', { type: 'number', describe: '--abc: stop when a generation accepts less than this share of its simulations (smc: default 0) or of its moves (mcmc: default 0.02)' })
            .option('continue-from', { type: 'string', describe: '--abc: continue from an ensemble folder (its members, simulated again, replace the prior\u2019s draw; its levers must be the prior\u2019s)' })
            .option('workers', { type: 'number', default: defaultWorkers(), describe: '--abc: worker threads' }),
          'runs/calibrate-<scenario>-<timestamp>/',
        ),
      async (a) =>
        (a as { abc?: boolean }).abc ? (await import('./commands/calibrate-abc.ts')).calibrateAbcCommand(a as unknown as AbcArgs) : (await import('./commands/calibrate.ts')).calibrateCommand(a as unknown as CalibrateArgs),
    )
    .command(
      'sensitivity <scenario>',
      'rank levers by their effect on a metric (Morris elementary effects or one at a time), or on the paired difference with --compare',
      (y) =>
        outputOptions(
          y
            .positional('scenario', { type: 'string', demandOption: true })
            .option('metric', { type: 'string', demandOption: true, describe: 'metric (e.g. coca_ha)' })
            .option('row', { type: 'string', default: 'PE', describe: 'region, country or ALL' })
            .option('window', { choices: ['finalYear', 'wholeRun'] as const, default: 'finalYear' as const, describe: 'mean over the final year or the whole run' })
            .option('method', { choices: ['morris', 'oat'] as const, default: 'morris' as const, describe: 'morris: elementary effects along --trajectories random paths over a --levels grid; oat: one lever at a time, each at its low and high end from the base' })
            .option('levers', { type: 'string', describe: 'comma-separated lever paths or groups (regions.*.x, states.*.x); default: every lever with a documented range' })
            .option('compare', { type: 'string', describe: 'scenario B: the metric becomes the paired difference B − A' })
            .option('trajectories', { type: 'number', default: 2, describe: 'Morris trajectories r (4–10 for a firmer ranking)' })
            .option('levels', { type: 'number', default: 4, describe: 'Morris grid levels p (even)' })
            .option('runs', { type: 'number', default: 1, describe: 'replicates per design point (the same seeds at every point)' })
            .option('seed', { type: 'number', describe: 'base random seed (default: the scenario\u2019s seed)' })
            .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override a lever in every run (both sides), e.g. householdsPerAgent=10' })
            .option('hold', { type: 'string', array: true, default: [] as string[], describe: 'hold a lever in every run (both sides): path=value[@YYYY-MM], against the scenario\u2019s events' })
            .option('workers', { type: 'number', describe: 'worker threads (default and most: the machine\u2019s cores)' })
            .option('oversubscribe', { type: 'boolean', default: false, describe: 'allow more --workers than cores' }),
          'runs/sensitivity-<scenario>-<timestamp>/',
        ),
      async (a) => (await import('./commands/sensitivity.ts')).sensitivityCommand(a as unknown as SensitivityArgs),
    )
    .command(
      'discover <folder>',
      'scenario discovery (PRIM): which inputs of a sweep or an ensemble comparison make an outcome likely',
      (y) =>
        outputOptions(
          y
            .positional('folder', { type: 'string', demandOption: true, describe: 'a sweep folder or a compare --ensemble folder' })
            .option('metric', { type: 'string', demandOption: true, describe: 'metric (e.g. coca_ha)' })
            .option('threshold', { type: 'string', demandOption: true, describe: "cases of interest: '<V', '<=V', '>V' or '>=V' (e.g. '>-0.1' with --side relative: AD cuts less than 10%)" })
            .option('row', { type: 'string', default: 'PE', describe: 'region, country, ALL, or a group of an ensemble comparison (VRAEM, TARGETED, ELSEWHERE, ABROAD)' })
            .option('window', { choices: ['programme', 'finalYear', 'wholeRun'] as const, describe: 'window of the outcome (default: programme for a comparison, finalYear for a sweep)' })
            .option('side', { choices: ['a', 'b', 'diff', 'relative'] as const, default: 'a' as const, describe: 'of a comparison: A, B, B − A or (B − A)/A' })
            .option('alpha', { type: 'number', default: 0.05, describe: 'share of points peeled a step' })
            .option('min-support', { type: 'number', default: 0.05, describe: 'smallest share of points a box may hold' })
            .option('boxes', { type: 'number', default: 2, describe: 'boxes to find by covering' })
            .option('step', { type: 'number', describe: 'take this step of the first trajectory instead of the best balance of coverage and density' }),
          'runs/discover-<name>-<timestamp>/',
        ),
      async (a) => (await import('./commands/discover.ts')).discoverCommand(a as unknown as DiscoverArgs),
    )
    .command(
      'robust <policies..>',
      'outcome of each policy in every ensemble member and its regret against the best (minimax regret)',
      (y) =>
        commonOptions(y.positional('policies', { type: 'string', array: true, demandOption: true, describe: 'scenario files, one per policy (at least two)' }), 4)
          .option('ensemble', { type: 'string', demandOption: true, describe: 'posterior ensemble folder (ensemble.csv + ensemble.json)' })
          .option('metric', { type: 'string', default: 'coca_ha', describe: 'outcome metric' })
          .option('row', { type: 'string', default: 'PE', describe: 'region, country or ALL' })
          .option('window', { choices: ['programme', 'finalYear', 'wholeRun'] as const, default: 'programme' as const, describe: 'window of the outcome (programme: from the first month any policy differs from the first)' })
          .option('goal', { choices: ['min', 'max'] as const, default: 'min' as const, describe: 'whether less (min) or more (max) of the outcome is better' })
          .option('quantile', { type: 'number', default: 0.9, describe: 'quantile of regret reported beside the maximum' }),
      async (a) => (await import('./commands/robust.ts')).robustCommand(a as unknown as RobustArgs),
    )
    .command(
      'explore',
      'write the interactive explorer page (runs in a browser, offline) and optionally serve it',
      (y) =>
        outputOptions(y, 'runs/explore-vraem-<timestamp>/')
          .option('serve', { type: 'boolean', default: false, describe: 'serve the page on 127.0.0.1 until Ctrl-C' })
          .option('port', { type: 'number', describe: 'port for --serve (default 8080; 0: any free port)' })
          .option('households-per-agent', { type: 'number', describe: 'households per agent the page starts with (default 10; 1 = full scale)' }),
      async (a) => (await import('./commands/explore.ts')).exploreCommand(a as unknown as ExploreArgs),
    )
    .command(
      'report <outdir>',
      'draw report.html and PNG charts for an output folder',
      (y) => y.positional('outdir', { type: 'string', demandOption: true }),
      async (a) => (await infoCommands()).reportCommand(a as unknown as { outdir: string }),
    )
    .command(
      'verify <folder>',
      'check an output folder against the sha256 checksums its manifest records',
      (y) => y.positional('folder', { type: 'string', demandOption: true }),
      async (a) => (await infoCommands()).verifyCommand(a as unknown as { folder: string }),
    )
    .demandCommand(1, 'name a command (vraem --help lists them)')
    // A value-taking option with no value, an empty one or a number that is not one: refused
    // before the command runs, instead of silently becoming its default (see flags.ts).
    .middleware(() => checkFlagValues(argv, (parser as unknown as { getOptions(): KnownOptions }).getOptions()), true)
    .strict()
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      throw err ?? new InputError(`${msg} (see vraem --help)`);
    });
}

/** Run the command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await cli(argv).parseAsync();
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof InputError) {
      for (const p of e.problems) process.stderr.write(`${p}\n`);
      if (e.verdict) process.stderr.write(`vraem: ${e.verdict}\n`);
      else if (e.problems.length > 1) process.stderr.write(`vraem: ${e.problems.length} problems; nothing was run\n`);
      return EXIT.usage;
    }
    if (e instanceof Interrupted) {
      process.stderr.write(`vraem: ${e.message}\n`);
      return e.code;
    }
    if (e instanceof RunError) {
      process.stderr.write(`vraem: ${e.message}\n`);
      if (process.env.VRAEM_DEBUG && e.stack) process.stderr.write(`${e.stack}\n`);
      return EXIT.failure;
    }
    process.stderr.write(`vraem: internal error (a bug in vraem, please report it):\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.failure;
  }
}

// A closed pipe (`vraem params ... | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(EXIT.ok);
  throw e;
});
process.exitCode = await main(hideBin(process.argv));
