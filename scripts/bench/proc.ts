/**
 * Process CPU time and memory from /proc (Linux): the server's own CPU, PostgreSQL's CPU (the
 * postmaster, its live backends and the backends that already exited), the resident set size,
 * and the load average while the bench runs.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface Stat {
  ppid: number;
  /** utime + stime, in ms */
  self: number;
  /** cutime + cstime (children already waited for), in ms */
  children: number;
}

function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // exited
  }
  // Fields after the command name, which is in parentheses and may hold spaces.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const ms = (i: number) => (Number(f[i]) * 1000) / CLK_TCK;
  // f[0] is field 3 (state): utime is field 14 → f[11], stime f[12], cutime f[13], cstime f[14].
  return { ppid: Number(f[1]), self: ms(11) + ms(12), children: ms(13) + ms(14) };
}

/** CPU ms a process has used so far (itself plus its reaped children). */
export function processCpuMs(pid: number): number {
  const stat = readStat(pid);
  return stat ? stat.self + stat.children : 0;
}

function childPids(parent: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    if (readStat(Number(entry))?.ppid === parent) pids.push(Number(entry));
  }
  return pids;
}

/**
 * CPU ms the whole PostgreSQL cluster has used so far: the postmaster, every live child
 * (backends, background workers) and, through the postmaster's cutime/cstime, the children
 * that already exited. Differences of two readings are the cluster's CPU in between.
 */
export function clusterCpuMs(dataDir: string): number {
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const own = readStat(postmaster);
  if (!own) return 0;
  let total = own.self + own.children;
  for (const pid of childPids(postmaster)) total += readStat(pid)?.self ?? 0;
  return total;
}

/** Resident set size in bytes. */
export function rssBytes(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:'));
    return Number(line?.match(/(\d+)/)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Samples `read` every `everyMs` until stopped; returns the samples. */
export function sampler<T>(read: () => T, everyMs: number) {
  const samples: T[] = [read()];
  const timer = setInterval(() => samples.push(read()), everyMs);
  timer.unref();
  return {
    samples,
    stop(): T[] {
      clearInterval(timer);
      samples.push(read());
      return samples;
    },
  };
}

/** The 1-minute load average, sampled through the whole run. */
export function loadSampler(everyMs = 5_000) {
  return sampler(() => os.loadavg()[0]!, everyMs);
}

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    kernel: `${os.type()} ${os.release()}`,
    node: process.version,
  };
}

/**
 * Jiffies the whole machine has spent busy and in total so far (/proc/stat's `cpu` line, every
 * core): the difference of two readings gives how busy the machine was in between — the server,
 * PostgreSQL, the load generator and anything else.
 */
export function machineCpuTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  // cpu user nice system idle iowait irq softirq steal guest guest_nice (guest is inside user).
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number) as number[];
  const busy = user! + nice! + system! + irq! + softirq! + steal!;
  return { busy, total: busy + idle! + iowait! };
}
