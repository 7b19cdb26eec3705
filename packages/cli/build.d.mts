// Types of build.mjs for the tests that import it.
export const ENTRY: string;
export function isStale(): boolean;
export function build(): Promise<void>;
