// The machine and software details that the report records for a run.
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function readCpu() {
  const cpuinfo = fs.readFileSync('/proc/cpuinfo', 'utf8');
  const models = [...cpuinfo.matchAll(/^model name\s*:\s*(.+)$/gm)].map((match) => match[1].trim());
  const processors = [...cpuinfo.matchAll(/^processor\s*:/gm)].length;
  return { model: models[0] ?? os.cpus()[0]?.model ?? 'unknown', count: processors || os.cpus().length };
}

function readOsName() {
  try {
    const release = fs.readFileSync('/etc/os-release', 'utf8');
    const match = release.match(/^PRETTY_NAME="?([^"\n]+)"?$/m);
    if (match) return `${match[1]}, Linux ${os.release()}`;
  } catch {
    // No /etc/os-release: fall back to the kernel alone.
  }
  return `${os.type()} ${os.release()}`;
}

/** Returns the installed version of a package, or 'unknown'. */
export function packageVersion(name) {
  try {
    return require(`${name}/package.json`).version;
  } catch {
    return 'unknown';
  }
}

/** Describes the machine and the tools of this run. */
export function describeMachine() {
  return {
    cpu: readCpu(),
    memoryGiB: os.totalmem() / 1024 ** 3,
    // Other work on the machine lowers every figure, and the load average shows whether there was any.
    loadAverage: os.loadavg(),
    os: readOsName(),
    node: process.version,
    fastify: packageVersion('fastify'),
    autocannon: packageVersion('autocannon'),
  };
}
