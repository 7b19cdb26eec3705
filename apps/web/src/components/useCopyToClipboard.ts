import { useCallback, useEffect, useState } from 'react';

/** How long a copy button says "Copied" after a click. */
const COPIED_FOR_MS = 2000;

/**
 * Copies a value to the clipboard and says so for a moment: `copied` is true for two seconds after the
 * clipboard took `value`; `onCopied` runs then too (a row's shared hint, say).
 */
export function useCopyToClipboard(value: string): {
  copied: boolean;
  copy: (onCopied?: () => void) => void;
} {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = useCallback(
    (onCopied?: () => void) => {
      void navigator.clipboard?.writeText(value).then(() => {
        setCopied(true);
        onCopied?.();
      });
    },
    [value],
  );
  return { copied, copy };
}
