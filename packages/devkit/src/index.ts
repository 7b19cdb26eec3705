export { loadStack, stackDataDir } from './stack.ts';
export { startStackProcess, type StackProcess } from './stack-process.ts';
