/**
 * Lambda managed-runtime lifecycle dates, as published on the AWS Lambda runtimes page
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), checked October 2026.
 * AWS has moved block dates more than once: update this table when the page changes, and
 * keep LIFECYCLE_CHECKED in step so the rule can say how current its knowledge is.
 */
export const LIFECYCLE_CHECKED = '2026-10';

export interface RuntimeLifecycle {
  /** end of security patches */
  deprecated: string;
  /** creating functions with the runtime is refused from this date */
  blockCreate?: string;
  /** updating functions with the runtime is refused from this date */
  blockUpdate?: string;
  /** the runtime to move to */
  successor: string;
}

const scheduled = (deprecated: string, blockCreate: string | undefined, blockUpdate: string | undefined, successor: string): RuntimeLifecycle => ({
  deprecated,
  ...(blockCreate ? { blockCreate } : {}),
  ...(blockUpdate ? { blockUpdate } : {}),
  successor,
});

export const RUNTIME_LIFECYCLE: Readonly<Record<string, RuntimeLifecycle>> = {
  'nodejs24.x': scheduled('2028-04-30', '2028-06-01', '2028-07-01', 'the next Node.js LTS runtime'),
  'nodejs22.x': scheduled('2027-04-30', '2027-06-01', '2027-07-01', 'nodejs24.x'),
  'nodejs20.x': scheduled('2026-04-30', '2027-07-29', '2027-08-31', 'nodejs24.x'),
  'nodejs18.x': scheduled('2025-09-01', '2027-07-29', '2027-08-31', 'nodejs24.x'),
  'nodejs16.x': scheduled('2024-06-12', '2027-07-29', '2027-08-31', 'nodejs24.x'),
  'nodejs14.x': scheduled('2023-12-04', '2024-01-09', '2027-08-31', 'nodejs24.x'),
  'python3.14': scheduled('2029-06-30', '2029-07-31', '2029-08-31', 'the next Python runtime'),
  'python3.13': scheduled('2029-06-30', '2029-07-31', '2029-08-31', 'python3.14'),
  'python3.12': scheduled('2028-10-31', '2028-11-30', '2029-01-10', 'python3.14'),
  'python3.11': scheduled('2027-06-30', '2027-07-29', '2027-08-31', 'python3.14'),
  'python3.10': scheduled('2026-10-31', '2027-07-29', '2027-08-31', 'python3.14'),
  'python3.9': scheduled('2025-12-15', '2027-07-29', '2027-08-31', 'python3.14'),
  'python3.8': scheduled('2024-10-14', '2027-07-29', '2027-08-31', 'python3.14'),
  'python3.7': scheduled('2023-12-04', '2024-01-09', '2027-08-31', 'python3.14'),
  java21: scheduled('2029-06-30', '2029-07-31', '2029-08-31', 'java25'),
  java17: scheduled('2027-06-30', '2027-07-29', '2027-08-31', 'java21'),
  java11: scheduled('2027-06-30', '2027-07-29', '2027-08-31', 'java21'),
  'java8.al2': scheduled('2027-06-30', '2027-07-29', '2027-08-31', 'java21'),
  java8: scheduled('2024-01-08', '2024-02-08', '2027-08-31', 'java21'),
  dotnet10: scheduled('2028-11-14', '2028-12-14', '2029-01-15', 'the next .NET LTS runtime'),
  dotnet8: scheduled('2026-11-10', '2027-07-29', '2027-08-31', 'dotnet10'),
  dotnet6: scheduled('2024-12-20', '2027-07-29', '2027-08-31', 'dotnet10'),
  'ruby3.4': scheduled('2028-03-31', '2028-04-30', '2028-05-31', 'the next Ruby runtime'),
  'ruby3.3': scheduled('2027-03-31', '2027-07-29', '2027-08-31', 'ruby3.4'),
  'ruby3.2': scheduled('2026-03-31', '2027-07-29', '2027-08-31', 'ruby3.4'),
  'provided.al2023': scheduled('2029-06-30', '2029-07-31', '2029-08-31', 'the next OS-only runtime'),
  'provided.al2': scheduled('2026-07-31', '2027-07-29', '2027-08-31', 'provided.al2023'),
  'go1.x': scheduled('2024-01-08', '2024-02-08', '2027-08-31', 'provided.al2023'),
  provided: scheduled('2024-01-08', '2024-02-08', '2027-08-31', 'provided.al2023'),
  // Retired before the current table: AWS no longer lists them and refuses new functions.
  'nodejs12.x': scheduled('2023-03-31', '2023-03-31', undefined, 'nodejs24.x'),
  'nodejs10.x': scheduled('2021-07-30', '2021-07-30', undefined, 'nodejs24.x'),
  'nodejs8.10': scheduled('2020-03-06', '2020-03-06', undefined, 'nodejs24.x'),
  'nodejs6.10': scheduled('2019-08-12', '2019-08-12', undefined, 'nodejs24.x'),
  'nodejs4.3': scheduled('2020-03-05', '2020-03-05', undefined, 'nodejs24.x'),
  'nodejs4.3-edge': scheduled('2020-03-05', '2020-03-05', undefined, 'nodejs24.x'),
  nodejs: scheduled('2016-10-31', '2016-10-31', undefined, 'nodejs24.x'),
  'python3.6': scheduled('2022-07-18', '2022-07-18', undefined, 'python3.14'),
  'python2.7': scheduled('2021-07-15', '2021-07-15', undefined, 'python3.14'),
  'dotnetcore3.1': scheduled('2023-04-03', '2023-04-03', undefined, 'dotnet10'),
  'dotnetcore2.1': scheduled('2022-01-05', '2022-01-05', undefined, 'dotnet10'),
  'dotnetcore2.0': scheduled('2019-05-30', '2019-05-30', undefined, 'dotnet10'),
  'dotnetcore1.0': scheduled('2019-07-27', '2019-07-27', undefined, 'dotnet10'),
  'dotnet5.0': scheduled('2022-05-10', '2022-05-10', undefined, 'dotnet10'),
  dotnet7: scheduled('2024-05-14', '2024-05-14', undefined, 'dotnet10'),
  'ruby2.7': scheduled('2023-12-07', '2023-12-07', undefined, 'ruby3.4'),
  'ruby2.5': scheduled('2021-07-30', '2021-07-30', undefined, 'ruby3.4'),
};
