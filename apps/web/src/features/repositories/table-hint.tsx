import { Tooltip } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState, type FocusEvent, type PointerEvent } from 'react';

/** Fluent's tooltip delays (show and hide after a pointer rests or leaves). */
const DELAY_MS = 250;

interface Hint {
  target: HTMLElement;
  text: string;
}

const hinted = (node: EventTarget | null) =>
  node instanceof Element ? node.closest<HTMLElement>('[data-hint]') : null;

/**
 * One Fluent tooltip for a whole virtualized table instead of one per control of every row: a row
 * mounts no tooltip at all, which keeps the rows that scroll into view cheap. Controls carry their
 * text in `data-hint`; the container's handlers (events bubble, so none is attached per row) show it
 * above the control under the pointer or with keyboard focus, with Fluent's delays, Escape and look.
 * The hint is what the controls' accessible names and descriptions already say (see TagTableRow).
 */
export function useTableHint() {
  const [hint, setHint] = useState<Hint>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const later = useCallback((fn: () => void, ms: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(fn, ms);
  }, []);
  useEffect(() => () => clearTimeout(timer.current), []);

  /** Shows `text` at `target` at once (e.g. "Copied" after a click). */
  const show = useCallback((target: HTMLElement, text: string) => {
    clearTimeout(timer.current);
    setHint({ target, text });
  }, []);
  const hide = useCallback(() => {
    clearTimeout(timer.current);
    setHint(undefined);
  }, []);

  const containerProps = useMemo(
    () => ({
      onPointerOver: (event: PointerEvent) => {
        const target = hinted(event.target);
        if (target) later(() => setHint({ target, text: target.dataset.hint ?? '' }), DELAY_MS);
      },
      onPointerOut: (event: PointerEvent) => {
        const from = hinted(event.target);
        if (from && !from.contains(event.relatedTarget as Node | null))
          later(() => setHint(undefined), DELAY_MS);
      },
      onFocus: (event: FocusEvent) => {
        const target = hinted(event.target);
        if (target) later(() => setHint({ target, text: target.dataset.hint ?? '' }), DELAY_MS);
      },
      onBlur: hide,
      // The control moves away from under its tooltip: hide it rather than leave it floating.
      onScroll: hide,
    }),
    [later, hide],
  );

  const element = hint ? (
    <Tooltip
      content={hint.text}
      relationship="inaccessible"
      visible
      onVisibleChange={(_, data) => {
        if (!data.visible) hide();
      }}
      positioning={{ target: hint.target, position: 'above' }}
    >
      <span hidden />
    </Tooltip>
  ) : null;

  return { containerProps, element, show };
}
