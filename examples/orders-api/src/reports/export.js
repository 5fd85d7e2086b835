import { execSync } from 'node:child_process';

// Weakness kept for the code-analysis rules to come: the report name reaches a shell.
export const handler = async (event) => {
  const name = event.queryStringParameters?.name ?? 'daily';
  const output = execSync(`ls /tmp/reports/${name}.csv`).toString();
  return { statusCode: 200, body: output };
};
