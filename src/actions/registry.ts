// Action name -> handler: the names the CLI takes (`exo-connector run <action>`), mirroring HelloID's script slots.
import { InputError } from "../helloid/context.js";
import { disable, enable } from "./account/access.js";
import { correlateOnlyCreate, create } from "./account/create.js";
import { remove } from "./account/delete.js";
import { correlateOnlyImport, importAccounts } from "./account/import.js";
import { update } from "./account/update.js";
import type { AnyAction } from "./framework.js";

const ACTIONS: readonly AnyAction[] = [
  create,
  update,
  enable,
  disable,
  remove,
  importAccounts,
  correlateOnlyCreate,
  correlateOnlyImport,
];

const byName = new Map(ACTIONS.map((action) => [action.name.toLowerCase(), action]));

export function listActions(): readonly AnyAction[] {
  return ACTIONS;
}

export function findAction(name: string): AnyAction {
  const action = byName.get(name.toLowerCase());
  if (!action) {
    throw new InputError(`unknown action "${name}"; \`exo-connector actions\` lists the actions`);
  }
  return action;
}
