/**
 * Cheap text tests that tell a CloudFormation / SAM template apart from the many other YAML and
 * JSON files a repository holds (OpenAPI documents, Kubernetes manifests, CI workflows, app
 * config), so that only templates pay for a full parse.
 */

/** Basenames that are never templates, even though their extension says they could be. */
const NEVER_TEMPLATES = new Set([
  'package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'tsconfig.json', 'jsconfig.json',
  'composer.json', 'composer.lock', 'pnpm-lock.yaml', 'yarn.lock', 'cdk.json', 'cdk.context.json',
  'tslint.json', 'angular.json', 'lerna.json', 'nx.json', 'turbo.json', 'deno.json', 'vercel.json',
  'docker-compose.yml', 'docker-compose.yaml', 'compose.yml', 'compose.yaml', 'mkdocs.yml',
  'pubspec.yaml', 'environment.yml', '.travis.yml', '.gitlab-ci.yml', 'buildspec.yml', 'buildspec.yaml',
  'appspec.yml', 'appspec.yaml', 'codecov.yml', 'pnpm-workspace.yaml', 'event.json', 'events.json',
  'asset-manifest.json', 'manifest.json', 'tree.json',
]);

const NEVER_PATTERNS = [
  /^tsconfig\..*\.json$/i,
  /^\.eslintrc/i,
  /^\.prettierrc/i,
  /^\.markdownlint/i,
  /^\.pre-commit/i,
  /^dependabot\.ya?ml$/i,
  /\.asl\.json$/i, // Step Functions definitions: JSON, but not templates
  /^launch\.json$/i,
  /^settings\.json$/i,
];

const TEMPLATE_EXTENSIONS = /\.(ya?ml|json|template|cfn|cform)$/i;

export function hasTemplateExtension(name: string): boolean {
  return TEMPLATE_EXTENSIONS.test(name);
}

export function neverTemplate(name: string): boolean {
  return NEVER_TEMPLATES.has(name.toLowerCase()) || NEVER_PATTERNS.some((pattern) => pattern.test(name));
}

// Top-level keys only: an indented `AWSTemplateFormatVersion` in some other document does not count.
const FORMAT_VERSION = /(^|[\n{,])\s*["']?AWSTemplateFormatVersion["']?\s*:/;
const SAM_TRANSFORM = /["']?Transform["']?\s*:\s*(?:\[\s*)?(?:-\s*)?["']?AWS::Serverless-20\d\d-\d\d-\d\d/;
const RESOURCES_KEY = /(^|[\n{,])\s*["']?Resources["']?\s*:/;
const RESOURCE_TYPE = /["']?Type["']?\s*:\s*["']?(?:AWS|Alexa)::[A-Za-z0-9]+::[A-Za-z0-9]+/;

export type TemplateFlavour = 'sam' | 'cloudformation';

/**
 * Does this text look like a CloudFormation or SAM template? A false positive only costs a parse
 * (the loader then warns if the file holds no resources); a false negative loses an app, so the
 * test errs on the side of yes for anything with AWS resource types under `Resources`.
 */
export function sniffTemplate(text: string): TemplateFlavour | undefined {
  if (SAM_TRANSFORM.test(text)) return 'sam';
  if (FORMAT_VERSION.test(text)) return 'cloudformation';
  if (RESOURCES_KEY.test(text) && RESOURCE_TYPE.test(text)) return 'cloudformation';
  return undefined;
}
