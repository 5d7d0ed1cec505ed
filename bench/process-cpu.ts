import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) of every process on the machine, by pid, from /proc (Linux only). */
export interface CpuSnapshot { ticks: Map<number, { ppid: number; comm: string; cpu: number }> }

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export function snapshotCpu(): CpuSnapshot {
  const ticks = new Map<number, { ppid: number; comm: string; cpu: number }>();
  let entries: string[] = [];
  try { entries = readdirSync('/proc'); } catch { return { ticks }; }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      // fields[0] is state; ppid is fields[1]; utime and stime are fields[11] and fields[12].
      ticks.set(Number(entry), { ppid: Number(fields[1]), comm, cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND });
    } catch { /* the process ended while we read */ }
  }
  return { ticks };
}

/** The pids of `root` and all its descendants in a snapshot. */
export function processTree(s: CpuSnapshot, root: number): Set<number> {
  const tree = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of s.ticks) if (!tree.has(pid) && tree.has(p.ppid)) { tree.add(pid); grew = true; }
  }
  return tree;
}

/** CPU seconds spent between two snapshots by the processes `which` selects (processes born in between count whole). */
export function cpuBetween(before: CpuSnapshot, after: CpuSnapshot, which: (pid: number, comm: string) => boolean): number {
  let total = 0;
  for (const [pid, p] of after.ticks) {
    if (!which(pid, p.comm)) continue;
    total += p.cpu - (before.ticks.get(pid)?.cpu ?? 0);
  }
  return total;
}
