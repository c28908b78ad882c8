// What a permission family (shared mailboxes, shared mailboxes with separate entitlements, groups) tells
// the shared machinery. The machinery — listing, grant/revoke, sub-permissions, resources, imports — is
// written once against this contract; a family only says what its objects, rights and references are.

import type { Logger } from "../../common/logger.js";
import type { CmdletCall, ExchangeClient, OpathFilter } from "../../exchange/index.js";
import type { JsonObject } from "../../helloid/caseInsensitive.js";
import type { CommonSettings } from "./commonSettings.js";
import type { ResourceObject } from "./templates.js";

export type Verb = "grant" | "revoke";

/** A shared mailbox or a group, as audit messages and references name it. */
export interface TargetObject {
  readonly id: string;
  readonly name: string;
}

/** One right on one object: FullAccess on a mailbox, membership of a group… */
export interface Access<Right extends string = string> {
  readonly target: TargetObject;
  /** Exchange's name of the right ("FullAccess", "SendAs", "SendOnBehalf"), or "Member" for groups. */
  readonly right: Right;
}

/** A static permission as retrieve-permissions emits it, with the rights it stands for (for imports). */
export interface Entitlement<Right extends string = string> {
  readonly displayName: string;
  readonly identification: JsonObject;
  readonly description: string;
  readonly rights: readonly Right[];
}

/** One sub-permission of a dynamic permission, exactly as the PowerShell connector writes it. */
export interface SubEntitlement<Right extends string = string> {
  /** Compares current and desired entries. */
  readonly key: string;
  readonly displayName: string;
  readonly reference: JsonObject;
  readonly access: Access<Right>;
}

/** A dynamic permission configured in HelloID, as importSubPermissions names it. */
export interface DynamicPermission<Right extends string = string> {
  readonly reference: JsonObject;
  readonly displayName: string;
  readonly rights: readonly Right[];
}

/** Where the holders of rights come from during an import (prepared once, then asked per object). */
export interface HolderSource<Right extends string = string> {
  /** Row properties `holders` reads, beyond Guid/Name/DisplayName. */
  readonly select: readonly string[];
  /** The one per-object read holders need, for a `$batch`; none when the listed row tells it all. */
  read(object: JsonObject, rights: readonly Right[]): CmdletCall | undefined;
  /** Account references (mailbox Guids) holding each right on the object, from its row and its read's rows. */
  holders(object: JsonObject, rights: readonly Right[], rows: readonly JsonObject[]): Map<Right, string[]>;
  /** Logs what could not be resolved to an account (system principals are not counted). */
  report(log: Logger): void;
}

export interface ListOptions {
  /** "permissions": only what retrieve-permissions lists; "all": every object of the family's kind. */
  readonly scope: "permissions" | "all";
  readonly filter?: OpathFilter;
  readonly select: readonly string[];
}

/**
 * A family's settings `S` and the rights it grants (`Right`, e.g. "FullAccess" | "SendAs" | "SendOnBehalf"):
 * an Access, an entitlement or a sub-permission carries a right the family parsed once, so a write never
 * meets a right it does not know. The shared machinery only passes rights along (`Family<S>`).
 */
export interface Family<S extends CommonSettings, Right extends string = string> {
  /** The action-name prefix: `sharedMailboxes`, `sharedMailboxesSeparate`, `groups`. */
  readonly name: string;
  /** How audit messages name an object: "shared mailbox", "group". */
  readonly noun: string;
  parseSettings(configuration: JsonObject): S;

  /** Properties `entitlementsOf` reads, beyond Guid/Name/DisplayName. */
  readonly select: readonly string[];
  /** The family's objects, every page. */
  listObjects(exchange: ExchangeClient, settings: S, options: ListOptions): AsyncIterable<JsonObject>;
  /** The object an identity (a name) names, or null. */
  findObject(
    exchange: ExchangeClient,
    identity: string,
    select: readonly string[],
  ): Promise<JsonObject | null>;
  newObjectCall(settings: S, object: ResourceObject): CmdletCall<unknown>;
  /** Sets custom attributes (correlation, marker) on an object. */
  stampCall(id: string, attributes: Readonly<Record<string, string>>): CmdletCall<unknown>;

  /** The write that grants or revokes one right of one account. */
  writeCall(verb: Verb, access: Access<Right>, account: string, settings: S): CmdletCall<unknown>;
  /** "[FullAccess] on shared mailbox [Sales]", "membership of group [Sales]". */
  describe(access: Access<Right>): string;

  entitlementsOf(object: JsonObject, settings: S): Entitlement<Right>[];
  /** Every right `entitlementsOf` can name (what an import must read holders of). */
  staticRights(settings: S): readonly Right[];
  /** The rights a grant/revoke Identification stands for; throws InputError naming the field at fault. */
  accessesOf(identification: JsonObject, target: TargetObject, settings: S): Access<Right>[];

  /** The rights a dynamic permission with this Reference manages, or why the Reference does not say (it is
   * empty in preview). */
  subPermissionRights(
    reference: string | undefined,
    settings: S,
  ): { rights: readonly Right[] } | { problem: string };
  subEntitlementsOf(target: TargetObject, rights: readonly Right[]): SubEntitlement<Right>[];
  /** A current sub-permission read back from HelloID; undefined when it is not one this family writes. */
  parseSubEntitlement(reference: JsonObject, displayName: string): SubEntitlement<Right> | undefined;
  dynamicPermissions(settings: S): DynamicPermission<Right>[];

  holderSource(exchange: ExchangeClient, rights: readonly Right[]): Promise<HolderSource<Right>>;
}
