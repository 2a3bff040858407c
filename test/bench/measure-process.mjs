// Runs a child process and measures its wall time and its peak resident set size (RSS).
//
// Peak RSS has to come from the kernel's accounting of the child, not from sampling: a process can
// peak for a few milliseconds. In order of preference:
//   1. GNU time (`/usr/bin/time -f %M`): getrusage of the waited child, max RSS in KiB.
//   2. python3: `resource.getrusage(RUSAGE_CHILDREN).ru_maxrss` after `subprocess.run` (same number).
//   3. polling `/proc/<pid>/status` VmHWM (the kernel's own high-water mark, so a short peak is
//      not missed; only growth in the last poll interval before exit is). Direct child only.
// Wall time is measured here with a monotonic clock around the spawn (GNU time's %e has 10 ms
// resolution), or by the python wrapper itself so python's start-up is not counted.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PYTHON_WRAPPER = `
import resource, subprocess, sys, time
started = time.perf_counter()
completed = subprocess.run(sys.argv[2:])
elapsed = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    out.write("%d %.6f" % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, elapsed))
sys.exit(completed.returncode if completed.returncode >= 0 else 128 - completed.returncode)
`;

/** Which peak-RSS method works here: 'gnu-time' | 'python' | 'proc'. `preferred` forces one. */
export function detectRssMethod(preferred) {
  const gnuTimeWorks = () => {
    const result = spawnSync('/usr/bin/time', ['-f', '%M', 'true'], { encoding: 'utf8' });
    return result.status === 0 && /^\d+\s*$/.test(result.stderr.trim().split('\n').pop() ?? '');
  };
  const pythonWorks = () =>
    spawnSync('python3', ['-c', 'import resource, subprocess'], { stdio: 'ignore' }).status === 0;
  const procWorks = () => {
    try {
      return /VmHWM/.test(readFileSync('/proc/self/status', 'utf8'));
    } catch {
      return false;
    }
  };
  const checks = { 'gnu-time': gnuTimeWorks, python: pythonWorks, proc: procWorks };
  if (preferred) {
    if (!(preferred in checks))
      throw new Error(`--rss-method: expected gnu-time, python or proc, got "${preferred}"`);
    if (!checks[preferred]()) throw new Error(`--rss-method ${preferred} is not available on this machine`);
    return preferred;
  }
  return Object.keys(checks).find((method) => checks[method]()) ?? 'none';
}

function readVmHwmKiB(pid) {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Process groups of the children still running, so an interrupted bench can stop them. */
const runningGroups = new Set();

/** Kills every measured child still running (each runs in its own process group). */
export function killRunningChildren() {
  for (const pid of runningGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  runningGroups.clear();
}

/**
 * Runs `command args` and resolves to `{ wallMs, peakRssMiB, exitCode, signal, timedOut, stdout,
 * stderr }`. stdout and stderr are collected in memory (the commands measured print little); stdin
 * is closed. The child runs in its own process group, killed whole after `timeoutMs`.
 */
export function runMeasured(
  command,
  args,
  { env = process.env, cwd = process.cwd(), rssMethod = 'proc', timeoutMs = 30 * 60_000 } = {},
) {
  const scratch = mkdtempSync(join(tmpdir(), 'llmcost-bench-'));
  const statsFile = join(scratch, 'rusage');
  let argv;
  switch (rssMethod) {
    case 'gnu-time':
      argv = ['/usr/bin/time', '-o', statsFile, '-f', '%M', command, ...args];
      break;
    case 'python':
      argv = ['python3', '-c', PYTHON_WRAPPER, statsFile, command, ...args];
      break;
    default:
      argv = [command, ...args];
  }
  return new Promise((resolvePromise, reject) => {
    const startedNs = process.hrtime.bigint();
    const child = spawn(argv[0], argv.slice(1), {
      env,
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    if (child.pid !== undefined) runningGroups.add(child.pid);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    let polledPeakKiB = null;
    const poller =
      rssMethod === 'proc'
        ? setInterval(() => {
            const hwm = readVmHwmKiB(child.pid);
            if (hwm !== null) polledPeakKiB = Math.max(polledPeakKiB ?? 0, hwm);
          }, 10)
        : null;
    child.once('error', (error) => {
      clearTimeout(timer);
      runningGroups.delete(child.pid);
      if (poller) clearInterval(poller);
      rmSync(scratch, { recursive: true, force: true });
      reject(error);
    });
    child.once('close', (exitCode, signal) => {
      const wallNs = process.hrtime.bigint() - startedNs;
      clearTimeout(timer);
      runningGroups.delete(child.pid);
      if (poller) clearInterval(poller);
      let wallMs = Number(wallNs) / 1e6;
      let peakRssKiB = polledPeakKiB;
      try {
        if (rssMethod === 'gnu-time') {
          // GNU time writes "Command exited with non-zero status N" before the format line.
          const lines = readFileSync(statsFile, 'utf8').trim().split('\n');
          peakRssKiB = Number(lines[lines.length - 1]);
        } else if (rssMethod === 'python') {
          const [rss, seconds] = readFileSync(statsFile, 'utf8').trim().split(' ');
          peakRssKiB = Number(rss);
          wallMs = Number(seconds) * 1000;
        }
      } catch {
        peakRssKiB = null;
      }
      rmSync(scratch, { recursive: true, force: true });
      resolvePromise({
        wallMs,
        peakRssMiB: peakRssKiB === null || Number.isNaN(peakRssKiB) ? null : peakRssKiB / 1024,
        exitCode,
        signal,
        timedOut,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}
