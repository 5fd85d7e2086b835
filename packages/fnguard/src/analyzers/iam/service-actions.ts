/**
 * The actions of one catalogue service, by lower-cased name. Entries stay in their raw tuple form
 * until someone asks for an action's details, and ids are built when first listed: a scan loads
 * thousands of actions, expands and levels some, and looks at the resource types of few.
 * Building every CatalogAction and id up front was most of the cost of loading the catalogue.
 */
import { type AccessLevel, maxAccessLevel, parseAccessLevel } from './access-level.js';
import type { RawCatalogAction } from './iam-data-source.js';

export interface ActionResourceType {
  name: string;
  required: boolean;
}

export interface CatalogAction {
  /** lower-cased `service:action`, the form IamStatement uses */
  id: string;
  service: string;
  /** as AWS spells it, e.g. `GetObject` */
  name: string;
  accessLevel: AccessLevel;
  resourceTypes: readonly ActionResourceType[];
  /** the action only supports `Resource: "*"` */
  wildcardOnly: boolean;
}

/** Actions picked from one service, with the highest access level among them. */
export interface Selection {
  ids: string[];
  maxLevel: AccessLevel | undefined;
}

export class ServiceActions {
  private readonly entries = new Map<string, RawCatalogAction>();
  private readonly details = new Map<string, CatalogAction>();
  private listed: readonly string[] | undefined;

  /** Actions whose access level cannot be read are left out. */
  constructor(private readonly service: string, actions: readonly RawCatalogAction[]) {
    for (const raw of actions) if (parseAccessLevel(raw[1])) this.entries.set(raw[0].toLowerCase(), raw);
  }

  get size(): number {
    return this.entries.size;
  }

  /** lower-cased `service:action` ids, in catalogue order */
  get ids(): readonly string[] {
    this.listed ??= [...this.entries.keys()].map((name) => this.idOf(name));
    return this.listed;
  }

  private idOf(name: string): string {
    return `${this.service}:${name}`;
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  accessLevel(name: string): AccessLevel | undefined {
    const raw = this.entries.get(name);
    return raw && parseAccessLevel(raw[1]);
  }

  get(name: string): CatalogAction | undefined {
    const known = this.details.get(name);
    if (known) return known;
    const raw = this.entries.get(name);
    const accessLevel = raw && parseAccessLevel(raw[1]);
    if (!raw || !accessLevel) return undefined;
    const resourceTypes = resourceTypesOf(raw);
    const details = { id: this.idOf(name), service: this.service, name: raw[0], accessLevel, resourceTypes, wildcardOnly: resourceTypes.length === 0 };
    this.details.set(name, details);
    return details;
  }

  /**
   * The action a lower-cased name names, or those whose lower-cased name a RegExp accepts, in
   * catalogue order. The level comes from the same pass: the analysis needs it for every
   * expansion, and asking per id would split every id again.
   */
  select(selector: string | RegExp): Selection {
    if (typeof selector === 'string') {
      const level = this.accessLevel(selector);
      return level ? { ids: [this.idOf(selector)], maxLevel: level } : { ids: [], maxLevel: undefined };
    }
    const selection: Selection = { ids: [], maxLevel: undefined };
    for (const [name, raw] of this.entries) {
      if (!selector.test(name)) continue;
      selection.ids.push(this.idOf(name));
      selection.maxLevel = maxAccessLevel(selection.maxLevel, parseAccessLevel(raw[1]));
    }
    return selection;
  }
}

/** The `type, required` pairs that follow an action's name and access level. */
function resourceTypesOf(raw: RawCatalogAction): ActionResourceType[] {
  const types: ActionResourceType[] = [];
  for (let index = 2; index + 1 < raw.length; index += 2) types.push({ name: String(raw[index]), required: raw[index + 1] === 1 });
  return types;
}
