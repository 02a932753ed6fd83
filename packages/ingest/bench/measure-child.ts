// Runs a Node entry point (argv[2], with the rest as its arguments) and, at exit, writes its peak
// RSS and CPU time (all threads of the process) to usage.json beside DATABASE_URL.
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [, , entry, ...args] = process.argv;
process.argv = [process.argv[0]!, resolve(entry!), ...args];
process.on('exit', () => {
  const usage = process.resourceUsage();
  writeFileSync(join(dirname(process.env.DATABASE_URL!), 'usage.json'), JSON.stringify({ maxRssKb: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime }));
});
await import(pathToFileURL(resolve(entry!)).href);
