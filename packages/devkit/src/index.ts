export { loadStack, stackDataDir } from './stack.ts';
