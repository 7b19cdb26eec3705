// Go's text/tabwriter as Docker's table formatter configures it (minwidth 10, tabwidth 1, padding 3,
// pad with spaces): every tab-terminated cell is padded to its column's width; the last cell is not.

export function tabwrite(lines: string[][], minWidth = 10, padding = 3): string {
  const widths: number[] = [];
  for (const cells of lines) {
    cells.slice(0, -1).forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, Math.max(minWidth, [...c].length + padding));
    });
  }
  return lines
    .map(
      (cells) => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]!, ' ') : c)).join('') + '\n',
    )
    .join('');
}
