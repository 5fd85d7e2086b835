/**
 * One CloudFormation / SAM / CDK-synthesized template into an App: parse, static resolution,
 * SAM expansion (when the transform is declared), plain-resource extraction, exposure.
 * A template that cannot be understood still yields an App, carrying warnings that say why.
 */
import path from 'node:path';
import { createApp, describeError, fileStart } from '../../model/build.js';
import { computeExposure } from '../../model/exposure.js';
import type { App, Framework } from '../../model/types.js';
import { isRecord } from '../../model/values.js';
import { parseTemplateText } from '../yaml/parse.js';
import type { ParseOptions } from '../yaml/parse.js';
import { extractResources } from './extract.js';
import { inlineIncludes } from './includes.js';
import { TemplateContext } from './template.js';

export type SamExpander = (template: TemplateContext, app: App) => void;

export interface CloudFormationLoadOptions {
  /** the template came from cdk.out */
  cdk?: boolean;
  parameterOverrides?: Record<string, string>;
  parse?: ParseOptions;
  /** SAM expansion; when absent, SAM templates load with a warning and without SAM resources */
  expandSam?: SamExpander;
  /** why expandSam is absent, for the warning */
  samUnavailableReason?: string;
}

const MAX_NAME_LENGTH = 120;

function appName(root: string, relPath: string, template: TemplateContext): string {
  const description = template.root.Description;
  if (typeof description === 'string') {
    const firstLine = description.trim().split('\n')[0]?.trim() ?? '';
    if (firstLine !== '') return firstLine.length > MAX_NAME_LENGTH ? `${firstLine.slice(0, MAX_NAME_LENGTH - 1)}…` : firstLine;
  }
  const folder = path.posix.dirname(relPath);
  return folder === '.' ? path.basename(root) : path.posix.basename(folder);
}

function frameworkOf(template: TemplateContext, options: CloudFormationLoadOptions): Framework {
  if (template.isSam()) return 'sam';
  return options.cdk ? 'cdk' : 'cloudformation';
}

/** Loads one template. Never throws: every failure, including a bug in a later stage, is a warning. */
export function loadCloudFormationApp(root: string, relPath: string, text: string, options: CloudFormationLoadOptions = {}): App {
  const included = inlineIncludes(root, parseTemplateText(text, relPath, options.parse), options.parse);
  const parsed = included.parsed;
  let template: TemplateContext;
  try {
    template = new TemplateContext(parsed, options.parameterOverrides ? { parameterOverrides: options.parameterOverrides } : {});
  } catch (error) {
    const app = createApp({ name: path.posix.basename(relPath), framework: options.cdk ? 'cdk' : 'cloudformation', path: relPath });
    app.warnings.push(...parsed.warnings, { code: 'load-failed', message: `${relPath} could not be read as a template: ${describeError(error)}`, location: fileStart(relPath) });
    return app;
  }
  const app = createApp({ name: appName(root, relPath, template), framework: frameworkOf(template, options), path: relPath });
  app.warnings.push(...parsed.warnings, ...included.warnings, ...template.warnings);
  for (const file of included.files) if (!app.sourceFiles.includes(file)) app.sourceFiles.push(file);
  app.parameters.push(...template.parameters);
  if (parsed.data !== undefined && isRecord(parsed.data) && template.resources.size === 0 && !template.warnings.some((w) => w.code === 'invalid-resources')) {
    app.warnings.push({ code: 'no-resources', message: `${relPath} declares no resources`, location: fileStart(relPath) });
  }
  runStage(app, relPath, 'SAM expansion', () => {
    if (!template.isSam()) return;
    if (!options.expandSam) {
      app.warnings.push({ code: 'sam-unavailable', message: `${relPath} uses the SAM transform, but SAM expansion is unavailable (${options.samUnavailableReason ?? 'not provided'}); only plain CloudFormation resources were loaded`, location: fileStart(relPath) });
      return;
    }
    options.expandSam(template, app);
  });
  runStage(app, relPath, 'resource extraction', () => extractResources(template, app));
  runStage(app, relPath, 'exposure analysis', () => computeExposure(app));
  // Warnings the template raised while later stages resolved values.
  for (const warning of template.warnings) if (!app.warnings.includes(warning)) app.warnings.push(warning);
  return app;
}

/** Isolates a stage so that a failure in one keeps what the others produced. */
function runStage(app: App, relPath: string, stage: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    app.warnings.push({ code: 'load-failed', message: `${stage} of ${relPath} failed: ${describeError(error)}; results for this file may be incomplete`, location: fileStart(relPath) });
  }
}
