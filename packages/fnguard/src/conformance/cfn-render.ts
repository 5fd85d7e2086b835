/**
 * The oracle's own renderer of CloudFormation values, deliberately independent of the loader's
 * TemplateContext so that a bug there cannot hide itself in the conformance figures. It renders
 * translator output the way the model renders templates: parameter defaults and the partition
 * substituted, decidable conditions decided, other references in Fn::Sub syntax.
 */

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: Json): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

const PSEUDO: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' };

export class CfnRenderer {
  private readonly defaults = new Map<string, Json>();
  private readonly conditions: Record<string, Json>;

  constructor(template: Record<string, Json>) {
    const parameters = isObject(template.Parameters) ? template.Parameters : {};
    for (const [name, spec] of Object.entries(parameters)) {
      if (isObject(spec) && spec.Default !== undefined) {
        const value = spec.Default;
        this.defaults.set(name, spec.Type === 'CommaDelimitedList' && typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value);
      }
    }
    this.conditions = isObject(template.Conditions) ? template.Conditions : {};
  }

  /** One string for a value; an undecided Fn::If renders its first branch. */
  text(value: Json, depth = 0): string | undefined {
    return this.list(value, depth)[0];
  }

  /** Every string a value may take (lists flattened, undecided conditions give both branches). */
  list(value: Json, depth = 0): string[] {
    if (depth > 50 || value === undefined || value === null) return [];
    if (isScalar(value)) return [String(value)];
    if (Array.isArray(value)) return value.flatMap((item) => this.list(item, depth + 1));
    if (!isObject(value)) return [];
    const keys = Object.keys(value);
    const key = keys.length === 1 ? keys[0]! : '';
    const arg = value[key];
    switch (key) {
      case 'Ref': {
        const name = String(arg);
        if (name === 'AWS::NoValue') return [];
        if (name in PSEUDO) return [PSEUDO[name]!];
        if (this.defaults.has(name)) return this.list(this.defaults.get(name), depth + 1);
        return [`\${${name}}`];
      }
      case 'Fn::GetAtt': {
        const parts = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
        return [`\${${parts.join('.')}}`];
      }
      case 'Fn::Sub': return [this.sub(arg, depth)];
      case 'Fn::Join': {
        if (!Array.isArray(arg) || typeof arg[0] !== 'string') return [];
        const items = Array.isArray(arg[1]) ? arg[1] : [arg[1]];
        return [items.map((item) => this.text(item, depth + 1) ?? '').join(arg[0])];
      }
      case 'Fn::If': {
        if (!Array.isArray(arg)) return [];
        const decided = this.condition(arg[0], depth + 1);
        if (decided === true) return this.list(arg[1], depth + 1);
        if (decided === false) return this.list(arg[2], depth + 1);
        return [...this.list(arg[1], depth + 1), ...this.list(arg[2], depth + 1)];
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg)) return [];
        const options = this.list(arg[1], depth + 1);
        const chosen = options[Number(this.text(arg[0], depth + 1))];
        return chosen === undefined ? [] : [chosen];
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || typeof arg[0] !== 'string') return [];
        const whole = this.text(arg[1], depth + 1);
        return whole === undefined ? [] : whole.split(arg[0]);
      }
      // The model's convention for values known only at deploy time.
      case 'Fn::ImportValue': return [`\${ImportValue:${this.text(arg, depth + 1) ?? '?'}}`];
      default:
        return key.startsWith('Fn::') ? [`\${${key.slice(4)}:${JSON.stringify(arg)}}`] : [JSON.stringify(value)];
    }
  }

  private sub(arg: Json, depth: number): string {
    const [text, variables] = Array.isArray(arg) ? [arg[0], arg[1]] : [arg, undefined];
    if (typeof text !== 'string') return '';
    const vars = isObject(variables) ? variables : {};
    return text.replace(/\$\{([^}!][^}]*)\}/g, (whole, body: string) => {
      const name = body.trim();
      if (name in vars) return this.text(vars[name], depth + 1) ?? whole;
      if (name in PSEUDO) return PSEUDO[name]!;
      if (this.defaults.has(name) && isScalar(this.defaults.get(name))) return String(this.defaults.get(name));
      return whole;
    }).replace(/\$\{!/g, '${');
  }

  /** The value of a condition (by name or expression) when parameter defaults decide it. */
  condition(expression: Json, depth: number): boolean | undefined {
    if (depth > 50) return undefined;
    if (typeof expression === 'string') return this.condition(this.conditions[expression], depth + 1);
    if (typeof expression === 'boolean') return expression;
    if (!isObject(expression)) return undefined;
    const [key] = Object.keys(expression);
    const arg = key === undefined ? undefined : expression[key];
    const all = (items: Json): Array<boolean | undefined> => (Array.isArray(items) ? items.map((i) => this.condition(i, depth + 1)) : []);
    switch (key) {
      case 'Condition': return this.condition(arg, depth + 1);
      case 'Fn::Not': {
        const inner = this.condition(Array.isArray(arg) ? arg[0] : arg, depth + 1);
        return inner === undefined ? undefined : !inner;
      }
      case 'Fn::And': {
        const values = all(arg);
        return values.includes(false) ? false : values.every((v) => v === true) ? true : undefined;
      }
      case 'Fn::Or': {
        const values = all(arg);
        return values.includes(true) ? true : values.every((v) => v === false) ? false : undefined;
      }
      case 'Fn::Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) return undefined;
        const [left, right] = arg.map((side) => this.text(side, depth + 1));
        if (left === undefined || right === undefined || left.includes('${') || right.includes('${')) return undefined;
        return left === right;
      }
      default: return undefined;
    }
  }
}
