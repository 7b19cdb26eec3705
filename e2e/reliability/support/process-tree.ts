// A whole process tree killed at once, as a power cut would: the stack's own process and every process
// under it. The stack's supervisor starts each child in a process group of its own (so that stopping one
// ends its children), so one group signal would not reach them: the tree is read from /proc instead.
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';

function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return []; // gone meanwhile
  }
  return tasks.flatMap((tid) => {
    try {
      return readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
    } catch {
      return [];
    }
  });
}

/** `pid` and all its descendants. */
export function processTree(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift()!;
    found.push(next);
    queue.push(...childrenOf(next));
  }
  return found;
}

/** Running (or stopped), as opposed to gone or a zombie left for its parent to reap. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/s.test(stat);
  } catch {
    return false;
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/**
 * Freezes every process of the tree (SIGSTOP: none can react to another's death, re-read the tree or
 * spawn), reads the tree again (a child started meanwhile is frozen too), then SIGKILLs them all, and
 * resolves once none is left running. Returns the pids it killed.
 */
export async function killTree(root: number): Promise<number[]> {
  let tree = processTree(root);
  for (;;) {
    for (const pid of tree) signal(pid, 'SIGSTOP');
    const again = processTree(root);
    if (again.every((pid) => tree.includes(pid))) break;
    tree = [...new Set([...tree, ...again])];
  }
  for (const pid of tree) signal(pid, 'SIGKILL');
  await expect.poll(() => tree.filter(alive), { timeout: 30_000, interval: 100 }).toEqual([]);
  return tree;
}
