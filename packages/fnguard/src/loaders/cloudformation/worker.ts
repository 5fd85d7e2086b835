/**
 * Worker-thread side of the template pool: loads templates it is sent and posts the Apps back.
 * Apps are plain data, so they cross the thread boundary by structured clone.
 */
import { parentPort } from 'node:worker_threads';
import { describeError } from '../../model/build.js';
import { expandSam } from '../sam/index.js';
import { loadCloudFormationApp } from './load.js';
import type { CloudFormationLoadOptions } from './load.js';

export interface TemplateJob {
  id: number;
  root: string;
  path: string;
  text: string;
  cdk: boolean;
  parameterOverrides?: Record<string, string>;
}

export type TemplateJobResult = { id: number; app: unknown } | { id: number; error: string };

const port = parentPort;
if (port) {
  port.on('message', (job: TemplateJob) => {
    try {
      const options: CloudFormationLoadOptions = { cdk: job.cdk, expandSam };
      if (job.parameterOverrides) options.parameterOverrides = job.parameterOverrides;
      const app = loadCloudFormationApp(job.root, job.path, job.text, options);
      port.postMessage({ id: job.id, app } satisfies TemplateJobResult);
    } catch (error) {
      // Also reached when the App cannot be cloned; the pool then loads the file in-process.
      port.postMessage({ id: job.id, error: describeError(error) } satisfies TemplateJobResult);
    }
  });
}
