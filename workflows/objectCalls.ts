import { ObjectKind, OBJECT_KINDS, SINGULAR } from "./kinds";

/** The name of the action that calls Key Vault on one object: its backup, or its restore. */
export function objectCallAction(which: "backup" | "restore", kind: ObjectKind): string {
  return `${which === "backup" ? "Back_up" : "Restore"}_${SINGULAR[kind]}`;
}

/** Every kind's object-call action of a workflow: what progress displays count. */
export function objectCallActions(which: "backup" | "restore"): ReadonlySet<string> {
  return new Set(OBJECT_KINDS.map((k) => objectCallAction(which, k)));
}
