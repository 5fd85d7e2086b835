export const MAIN_HELP = `fnguard: security scanner for serverless applications (SAM, CloudFormation, Serverless Framework)

Usage:
  fnguard scan DIR|FILE [options]   scan every app under DIR (or one template file)
  fnguard rules [--format F]        list the rules with their metadata and peer ids
  fnguard model DIR|FILE [options]  print the app model the rules see
  fnguard --help | --version

Run 'fnguard <command> --help' for the options of a command.

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or fatal error.
`;

export const SCAN_HELP = `Usage: fnguard scan DIR|FILE [options]

Options:
  -f, --format text|json|sarif   output format (default: text)
  -o, --output FILE              write the report to FILE instead of stdout
      --fail-on LEVEL            exit 1 when a finding is at or above LEVEL:
                                 critical|high|medium|low|info|none (default: low)
  -q, --quiet                    text: print findings only (no warnings, no summary)
      --rule ID                  run only this rule; repeatable; globs like FG-IAM-* select
                                 within the profile, exact ids run whatever their profile
      --skip-rule ID             do not run this rule; repeatable; globs allowed
      --profile recommended|strict
                                 rule set (default: recommended; strict adds hygiene rules)
      --include-generated        also scan generated templates (cdk.out, .serverless, .aws-sam)
  -h, --help                     show this help

Environment: NO_COLOR disables colour, FORCE_COLOR forces it (colour is used only on a terminal),
FNGUARD_DEBUG=1 prints stack traces of unexpected errors.
`;

export const RULES_HELP = `Usage: fnguard rules [--format text|json|markdown]

Lists every rule with id, severity, profile, OWASP Serverless Top 10 category, CWE and the ids
of equivalent cdk-nag, serverless-rules and Checkov rules.
docs/rules.md is generated with: fnguard rules --format markdown > docs/rules.md
`;

export const MODEL_HELP = `Usage: fnguard model DIR|FILE [options]

Options:
  -f, --format json|text   output format (default: json; schema: schemas/model.schema.json)
  -o, --output FILE        write to FILE instead of stdout
      --include-generated  also load generated templates (cdk.out, .serverless, .aws-sam)
  -h, --help               show this help
`;
