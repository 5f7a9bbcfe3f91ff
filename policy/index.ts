import { PolicyPack } from "@pulumi/policy";
import { RULES } from "./rules";

// Run with `pulumi preview --policy-pack policy`; production stacks set `production: true` in the
// policy config of key-vault-soft-delete-and-purge-protection.
new PolicyPack("kv-backup-restore", { policies: [...RULES] });
