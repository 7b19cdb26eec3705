// What a command writes to and reads from: the process, or a test's buffers.
export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
}
