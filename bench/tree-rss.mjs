#!/usr/bin/env node
/**
 * Peak resident memory of a command and every process it starts, as a batch system counts a
 * task's memory (Slurm's `--mem` without cgroups sums the resident sets of the task's processes):
 * runs the command, sums VmRSS over it and its descendants every 0.1 s from /proc (Linux), and
 * prints, when it exits, the peak of that sum and each process's share at that moment, on stderr.
 * Exits with the command's code.
 *
 *   node bench/tree-rss.mjs pnpm vraem sweep ... --shard 3/8 --workers 1
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  process.stderr.write('usage: node bench/tree-rss.mjs <command> [args...]\n');
  process.exit(2);
}

/** Parent of every process now. */
function parents() {
  const out = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces and parentheses): state, ppid, ...
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      out.set(Number(name), ppid);
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** A process's name and resident set in kB (0 once it has ended). */
function resident(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return { name: /^Name:\s*(.*)$/m.exec(status)?.[1] ?? '?', kb: Number(/^VmRSS:\s*(\d+)/m.exec(status)?.[1] ?? 0) };
  } catch {
    return { name: '?', kb: 0 };
  }
}

const child = spawn(command, args, { stdio: 'inherit' });
let peak = { kb: 0, processes: [] };
const sample = () => {
  const ppid = parents();
  const tree = [child.pid];
  for (let i = 0; i < tree.length; i++) for (const [pid, parent] of ppid) if (parent === tree[i]) tree.push(pid);
  const processes = tree.map((pid) => ({ pid, ...resident(pid) })).filter((p) => p.kb > 0);
  const kb = processes.reduce((sum, p) => sum + p.kb, 0);
  if (kb > peak.kb) peak = { kb, processes };
};
const timer = setInterval(sample, 100);
child.on('exit', (code, signal) => {
  clearInterval(timer);
  const mb = (kb) => (kb / 1024).toFixed(1);
  process.stderr.write(`peak resident memory of the process tree: ${mb(peak.kb)} MB (${peak.processes.map((p) => `${p.name} ${mb(p.kb)}`).join(' + ')})\n`);
  process.exitCode = code ?? (signal ? 1 : 0);
});
