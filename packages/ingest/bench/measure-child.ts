// Runs a Node entry point (argv[3], with the rest as its arguments) and, at exit, writes its peak
// RSS and CPU time (all threads of the process) to the file argv[2].
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [, , usageFile, entry, ...args] = process.argv;
process.argv = [process.argv[0]!, resolve(entry!), ...args];
process.on('exit', () => {
  const usage = process.resourceUsage();
  writeFileSync(usageFile!, JSON.stringify({ maxRssKb: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime }));
});
await import(pathToFileURL(resolve(entry!)).href);
