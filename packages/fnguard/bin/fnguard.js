#!/usr/bin/env node
// The bundle (scripts/bundle.mjs) rather than dist/cli/main.js: a fraction of the start-up time.
import { main } from '../dist/bundle/cli.js';

process.exitCode = await main(process.argv.slice(2));
