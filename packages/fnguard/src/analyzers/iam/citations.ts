/** Public write-ups the escalation and exfiltration tables are based on. */
export interface Citation {
  source: string;
  url: string;
}

export const RHINO: Citation = {
  source: 'Rhino Security Labs, AWS IAM Privilege Escalation: Methods and Mitigation',
  url: 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/',
};

export const BISHOP_FOX: Citation = {
  source: 'Bishop Fox, iam-vulnerable (privilege escalation paths)',
  url: 'https://github.com/BishopFox/iam-vulnerable',
};

export const HACKING_THE_CLOUD_SSM: Citation = {
  source: 'Hacking the Cloud, Run Shell Commands on EC2 with Send Command or Session Manager',
  url: 'https://hackingthe.cloud/aws/post_exploitation/run_shell_commands_on_ec2/',
};

export const HACKING_THE_CLOUD_PRIVESC: Citation = {
  source: 'Hacking the Cloud, AWS IAM Privilege Escalation Techniques',
  url: 'https://hackingthe.cloud/aws/exploitation/iam_privilege_escalation/',
};

export const AWS_LAMBDA_UPDATE_CONFIGURATION: Citation = {
  source: 'AWS Lambda API Reference, UpdateFunctionConfiguration (Layers, Environment)',
  url: 'https://docs.aws.amazon.com/lambda/latest/api/API_UpdateFunctionConfiguration.html',
};

export const AWS_SERVICE_AUTHORIZATION: Citation = {
  source: 'AWS Service Authorization Reference',
  url: 'https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html',
};
