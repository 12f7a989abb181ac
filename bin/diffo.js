#!/usr/bin/env node
// The `diffo` command: runs cli/diffo.ts through tsx's loader (the project ships TypeScript sources).
import { register } from 'tsx/esm/api';

register();
await import('../cli/diffo.ts');
