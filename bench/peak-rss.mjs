/**
 * Preloaded (`node --import`) into a vraem process that `pnpm bench` measures: when the process
 * exits it writes its peak resident set size in bytes (the whole process, its worker threads
 * included) to the file named by `VRAEM_PEAK_RSS_FILE`.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.VRAEM_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
